/**
 * The measure on the screen, in real Chromium: the case file's measures
 * section shows a lapsed measure as verlopen, an ended one with its day and
 * reason, an omzetting as a pair (the same from the phone's synced rows as
 * from the server); the decision form checks before it sends, shows each
 * problem next to its field with the summary focused, and places the server's
 * own refusal next to its field too. The server is a stubbed fetch.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { queryClient } from '../../client/src/app/trpc';
import { MeasuresSection } from '../../client/src/features/case-file/sections';
import {
  type DecisionDone,
  DecisionForm,
  type DecisionMeasure,
} from '../../client/src/features/maatregel/decision-form';
import '../../client/src/i18n';

const TODAY = '2026-12-06';
let root: Root;
let container: HTMLElement;
let calls: { path: string; body: unknown }[];
let answer: (path: string) => Response;

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  calls = [];
  answer = () => reply(404, []);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), window.location.href).pathname.replace('/trpc/', '');
      calls.push({ path, body: JSON.parse(String(init?.body ?? '{}')) });
      return answer(path);
    }),
  );
  queryClient.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  root.unmount();
  container.remove();
  vi.unstubAllGlobals();
});

const render = (element: ReturnType<typeof createElement>) =>
  root.render(createElement(QueryClientProvider, { client: queryClient }, element));

const base = { court: 'Rechtbank Den Haag', outOfHomePlacement: false, startDate: '2026-01-10' };

describe('the measures section of a case file', () => {
  it('shows a measure past its end date as verlopen, an ended one with its reason, and an omzetting as a pair', async () => {
    render(
      createElement(MeasuresSection, {
        today: TODAY,
        beschikkingen: [
          { id: 'b1', maatregelId: 'ots', kind: 'verlenging', date: '2026-11-01', validUntil: '2027-11-01' },
        ],
        measures: [
          {
            ...base,
            id: 'ots',
            type: 'ots',
            status: 'lopend',
            rulingDate: '2026-09-01',
            endDate: '2027-11-01',
            previousMaatregelId: 'vots',
          },
          {
            ...base,
            id: 'vots',
            type: 'vots',
            status: 'beeindigd',
            rulingDate: '2026-06-01',
            endDate: '2026-09-01',
            endedOn: '2026-08-31',
            endReason: 'omgezet',
          },
          {
            ...base,
            id: 'jr',
            type: 'jeugdreclassering',
            status: 'lopend',
            rulingDate: '2025-11-01',
            endDate: '2026-11-30',
          },
          {
            ...base,
            id: 'old',
            type: 'ots',
            status: 'beeindigd',
            rulingDate: '2024-01-01',
            endDate: '2025-01-01',
            endedOn: '2024-06-30',
            endReason: 'andere_gi',
          },
        ],
      }),
    );
    const cards = page.getByTestId('measure');
    await expect.element(cards.nth(0)).toHaveAttribute('data-state', 'lopend');
    await expect.element(cards.nth(0)).toHaveTextContent('Vervolg op Voorlopige OTS');
    await expect.element(cards.nth(0)).toHaveTextContent('Verlenging 1 nov 2026 – 1 nov 2027');
    await expect.element(cards.nth(1)).toHaveTextContent('Omgezet in OTS');
    await expect.element(cards.nth(1)).toHaveTextContent('Beëindigd op 31 aug 2026');
    await expect.element(cards.nth(2)).toHaveAttribute('data-state', 'verlopen');
    await expect.element(cards.nth(2)).toHaveTextContent('verlopen');
    await expect.element(cards.nth(2)).toHaveTextContent('De einddatum (30 nov 2026) is verstreken');
    await expect
      .element(cards.nth(3))
      .toHaveTextContent('Beëindigd op 30 jun 2024 · verhuisd naar andere GI');
  });
});

describe('the decision form', () => {
  const ots: DecisionMeasure = {
    id: '11111111-1111-4111-8111-111111111111',
    type: 'ots',
    status: 'lopend',
    rulingDate: '2026-01-10',
    endDate: '2027-01-10',
    court: 'Rechtbank Den Haag',
    outOfHomePlacement: false,
  };
  const caseId = '22222222-2222-4222-8222-222222222222';
  let done: DecisionDone[];
  const form = (measure = ots) => {
    done = [];
    render(
      createElement(DecisionForm, {
        caseId,
        measure,
        birthDate: '2014-05-01',
        today: TODAY,
        isLastRunning: true,
        onDone: (d: DecisionDone) => done.push(d),
      }),
    );
  };

  it('refuses an end date before the ruling next to the field, focuses the summary, and sends nothing', async () => {
    form();
    await expect.element(page.getByRole('heading', { name: 'Uitspraak registreren: OTS' })).toHaveFocus();
    await page.getByLabelText('Datum van de uitspraak').fill('2026-12-01');
    await page.getByLabelText('Nieuwe einddatum').fill('2026-11-01');
    await page.getByRole('button', { name: 'Registreren' }).click();
    const field = page.getByLabelText('Nieuwe einddatum');
    await expect.element(field).toHaveAttribute('aria-invalid', 'true');
    const describedBy = field.element().getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe(
      'De nieuwe einddatum ligt niet na de uitspraak.',
    );
    await expect.element(page.getByRole('alert')).toHaveFocus();
    expect(calls).toEqual([]);
  });

  it("places the server's refusal next to the field it names", async () => {
    answer = () =>
      reply(400, [
        {
          error: {
            message: 'Zaaknummer Z-1 is al geregistreerd.',
            code: -32600,
            data: {
              code: 'BAD_REQUEST',
              issues: [
                { path: ['zaaknummer'], message: 'Zaaknummer Z-1 is al geregistreerd.', code: 'custom' },
              ],
            },
          },
        },
      ]);
    form({ ...ots, type: 'vots', endDate: '2026-12-31' });
    await page.getByRole('radio', { name: 'Omzetting' }).click();
    await page.getByLabelText('Datum van de uitspraak').fill('2026-12-01');
    await page.getByLabelText('Einddatum', { exact: true }).fill('2027-12-01');
    await page.getByLabelText('Zaaknummer (niet verplicht)').fill('Z-1');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expect
      .element(page.getByLabelText('Zaaknummer (niet verplicht)'))
      .toHaveAttribute('aria-invalid', 'true');
    expect(calls.map((c) => c.path)).toEqual(['measures.convert']);
    expect(done).toEqual([]);
  });

  it('registers an ending that closes the case and says so', async () => {
    answer = () => reply(200, [{ result: { data: { closed: true, closedOn: TODAY } } }]);
    form();
    await page.getByRole('radio', { name: 'Beëindiging' }).click();
    await expect.element(page.getByText('Dit is de laatste lopende maatregel')).toBeVisible();
    await page.getByLabelText('Reden').selectOptions('overig');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expect.element(page.getByLabelText('Toelichting')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toEqual([]);
    await page.getByLabelText('Toelichting').fill('Gezin geëmigreerd');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await vi.waitFor(() => expect(done).toHaveLength(1));
    expect(done[0]).toEqual({
      kind: 'beeindiging',
      closed: true,
      message: 'Beëindiging geregistreerd per 6 dec 2026. Het dossier is afgesloten.',
    });
    expect(calls[0]?.body).toMatchObject({
      '0': { caseId, maatregelId: ots.id, endedOn: TODAY, reason: 'overig', reasonText: 'Gezin geëmigreerd' },
    });
  });

  it('cuts nothing: a kenmerk or toelichting past its limit stays whole, is counted and refused beside the field', async () => {
    form();
    const kenmerk = `K-${'9'.repeat(130)}`;
    await page.getByLabelText('Datum van de uitspraak').fill('2026-12-01');
    await page.getByLabelText('Nieuwe einddatum').fill('2027-12-01');
    await page.getByLabelText(/Kenmerk/).fill(kenmerk);
    await expect.element(page.getByLabelText(/Kenmerk/)).toHaveValue(kenmerk);
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expect.element(page.getByLabelText(/Kenmerk/)).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByRole('alert')).toHaveFocus();
    expect(
      page.getByText('12 tekens te veel: maak de tekst korter (maximaal 120).').all().length,
    ).toBeGreaterThan(1);

    await page.getByRole('radio', { name: 'Beëindiging' }).click();
    await page.getByLabelText('Reden').selectOptions('overig');
    await page.getByLabelText('Toelichting').fill('x'.repeat(501));
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expect.element(page.getByLabelText('Toelichting')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByLabelText('Toelichting')).toHaveValue('x'.repeat(501));
    expect(calls).toEqual([]);
  });
});
