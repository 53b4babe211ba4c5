/**
 * Office forms never cut a paste (no maxLength): the desk's follow-up and the
 * waiting list's triage keep a too-long text whole, count it down and past the
 * limit, and refuse it beside the field and in the summary, which takes the
 * focus. Nothing goes to the server (the server refuses it in the same way:
 * test/server/referral-steps.test.ts, waiting-list.test.ts).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { queryClient } from '../../client/src/app/trpc';
import { FollowUpForm } from '../../client/src/features/verwijzing-desk/event-forms';
import { WaitingCandidateItem } from '../../client/src/features/waiting-list/candidate';
import type { WaitingCandidate } from '../../shared/schemas/waiting-list';
import '../../client/src/i18n';

let root: Root;
let container: HTMLElement;
const fetchSpy = vi.spyOn(window, 'fetch');

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  fetchSpy.mockClear();
});
afterEach(() => {
  root.unmount();
  container.remove();
});

const render = (element: ReactElement) =>
  root.render(createElement(QueryClientProvider, { client: queryClient }, element));
const label = (text: string) => page.getByLabelText(text, { exact: true });

describe('the desk’s follow-up form', () => {
  it('keeps a too-long note whole, counts it, and refuses it beside the field and in the summary', async () => {
    render(createElement(FollowUpForm, { verwijzingId: '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c00aa' }));
    const note = label('Wat is er gedaan of afgesproken');
    await note.fill('a'.repeat(1700));
    await expect.element(note).toHaveAccessibleDescription('Nog 300 tekens over');
    const pasted = 'Gebeld met de gemeente. '.repeat(90); // 2160 characters, the limit is 2000
    await note.fill(pasted);
    await expect.element(note).toHaveValue(pasted);
    await expect.element(note).toHaveAccessibleDescription(/160 tekens te veel/);
    await page.getByRole('button', { name: 'Opvolging vastleggen' }).click();
    const summary = page.getByRole('alert');
    await expect.element(summary).toHaveTextContent('De opvolging is te lang: 2160 tekens, hoogstens 2000.');
    await expect.element(summary).toHaveFocus();
    await expect.element(note).toHaveAttribute('aria-invalid', 'true');
    await expect.element(note).toHaveValue(pasted);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('the waiting list’s triage', () => {
  it('keeps a too-long risk outcome whole, counts it, and refuses it beside the field and in the summary', async () => {
    const lead = { userId: '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c00b1', displayName: 'Tessa Leider' };
    render(
      createElement(WaitingCandidateItem, {
        candidate: {
          caseId: '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c00c1',
          firstName: 'Noor',
          lastName: 'Wachter',
          status: 'aangemeld',
          assignmentDue: null,
          pastNorm: false,
        } as unknown as WaitingCandidate,
        people: [{ ...lead, role: 'teamleider', caseCount: 0 }],
        workers: [],
        today: '2026-11-23',
      }),
    );
    await page.getByText('Triage en wachtlijst').click();
    await label('Niet acuut: op de wachtlijst').click();
    const outcome = label('Uitkomst risicotaxatie');
    const pasted = 'Geen acuut gevaar, school meldt verzuim. '.repeat(15); // 615 characters, the limit is 500
    await outcome.fill(pasted);
    await label('Instrument (bijv. LIRIK, ARIJ)').fill('LIRIK');
    await label('Contactpersoon in de tussentijd').selectOptions(lead.displayName);
    await label('Volgende veiligheidscheck').fill('2026-12-01');
    await expect.element(outcome).toHaveValue(pasted);
    await expect.element(outcome).toHaveAccessibleDescription(/115 tekens te veel/);
    await page.getByRole('button', { name: 'Op de wachtlijst zetten' }).click();
    const summary = page.getByRole('alert');
    await expect
      .element(summary)
      .toHaveTextContent('115 tekens te veel: maak de tekst korter (maximaal 500).');
    await expect.element(summary).toHaveFocus();
    await expect.element(outcome).toHaveAttribute('aria-invalid', 'true');
    await expect.element(outcome).toHaveValue(pasted);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
