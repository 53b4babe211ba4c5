/**
 * The provider form of the sociale kaart, rendered in real Chromium and used
 * as a beheerder would: by label, with the keyboard and clicks. Nothing
 * reaches `onSave` until the form is right, and then exactly the input the
 * server's schema takes; problems are Dutch, next to the field and in a
 * summary that gets the focus.
 */
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { AanbiederForm } from '../../client/src/features/admin/aanbieder-form';
import {
  draftOfAanbieder,
  type KaartAanbieder,
  newAanbiederDraft,
  type SaveFailure,
} from '../../client/src/features/admin/kaart-model';
import '../../client/src/i18n';
import type { AanbiederInput } from '../../shared/schemas/referral-desk';
import { reactRootPerTest } from './react-root';

const REGIONS = [
  { id: '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c0001', name: 'Haaglanden' },
  { id: '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c0002', name: 'Rijnmond' },
];

const root = reactRootPerTest();

function renderForm(onSave: (input: AanbiederInput) => Promise<unknown>, failure?: SaveFailure) {
  const draft = newAanbiederDraft();
  root.render(
    createElement(AanbiederForm, {
      initial: draft,
      isNew: true,
      regions: REGIONS,
      onSave,
      onCancel: () => undefined,
      failureOf: () => failure ?? { code: undefined, message: '' },
    }),
  );
  return draft.id;
}

const field = (label: string) => page.getByLabelText(label, { exact: true });
const product = (n: number) => page.getByRole('group', { name: `Product ${n}`, exact: true });
const save = () => page.getByRole('button', { name: 'Opslaan', exact: true }).click();

async function fillProduct(n: number, category: string, code: string, name: string) {
  await product(n).getByLabelText('Productcategorie (JZ020)').selectOptions(category);
  await product(n).getByLabelText('Productcode').fill(code);
  await product(n).getByLabelText('Productnaam').fill(name);
}

describe('the provider form', () => {
  it('sends nothing while the form is incomplete, and says in Dutch what is missing, with the focus on the summary', async () => {
    const onSave = vi.fn(async () => undefined);
    renderForm(onSave);
    await expect.element(page.getByRole('heading', { name: 'Nieuwe aanbieder' })).toHaveFocus();
    await save();

    const summary = page.getByRole('alert');
    await expect.element(summary).toHaveTextContent('Verbeter 5 punten:');
    await expect.element(summary).toHaveTextContent('Vul de naam van de aanbieder in.');
    await expect.element(summary).toHaveTextContent('De AGB-code bestaat uit precies 8 cijfers.');
    await expect.element(summary).toHaveTextContent('Product 1: Kies een productcategorie.');
    // The wait starts at 0, as its hint says ("0 als er geen wachttijd is"): nothing to fix there.
    await expect.element(summary).not.toHaveTextContent('wachttijd');
    await expect.element(summary).toHaveFocus();
    // The message sits with its field too, and describes it for a screen reader.
    await expect.element(field('AGB-code')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field('AGB-code')).toHaveAccessibleDescription(/precies 8 cijfers/);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('starts a new provider with no wait (0 weeks), as the hint says, and saves that when left alone', async () => {
    const onSave = vi.fn(async (_input: AanbiederInput) => undefined);
    renderForm(onSave);
    await expect.element(field('Verwachte wachttijd (weken)')).toHaveValue('0');
    await field('Naam').fill('Jeugdhulp Zonder Wachten');
    await field('AGB-code').fill('98123457');
    await fillProduct(1, '45', '45A01', 'Ambulante gezinsbegeleiding');
    await save();
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0]).toEqual(expect.objectContaining({ waitWeeks: 0 }));
  });

  it('refuses the same product code twice, and once fixed saves exactly the checked input', async () => {
    const onSave = vi.fn(async (_input: AanbiederInput) => undefined);
    const id = renderForm(onSave);
    await field('Naam').fill('  Jeugdhulp De Kering ');
    await field('AGB-code').fill('98123456');
    await fillProduct(1, '45', '45A01', 'Ambulante gezinsbegeleiding');
    await page.getByRole('button', { name: 'Product toevoegen' }).click();
    // The new row's first field has the focus, ready to type.
    await expect.element(product(2).getByLabelText('Productcategorie (JZ020)')).toHaveFocus();
    await fillProduct(2, '45', '45a01', 'Multisysteemtherapie (MST)');
    await page.getByLabelText('Rijnmond').click();
    await field('Verwachte wachttijd (weken)').fill('6');
    await save();

    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Product 2: Deze productcode staat al bij product 1.');
    expect(onSave).not.toHaveBeenCalled();

    await product(2).getByLabelText('Productcode').fill('45A52');
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
    await save();
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      id,
      name: 'Jeugdhulp De Kering',
      agbCode: '98123456',
      products: [
        { category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' },
        { category: '45', code: '45A52', name: 'Multisysteemtherapie (MST)' },
      ],
      regionIds: [REGIONS[1]?.id],
      waitWeeks: 6,
      contactRoute: '',
      active: true,
      baseVersion: 0,
    });
  });

  it('keeps a too-long paste whole, counts it, and refuses it beside the field and in the summary', async () => {
    const onSave = vi.fn(async () => undefined);
    renderForm(onSave);
    const longName = 'Stichting '.repeat(25); // 250 characters, the limit is 200
    await field('Naam').fill(longName);
    await field('AGB-code').fill('98123456');
    await fillProduct(1, '45', '45A01', 'Ambulante gezinsbegeleiding '.repeat(8));
    // Nothing cut: the whole paste is in the field, and the counter says how much is too much.
    await expect.element(field('Naam')).toHaveValue(longName);
    await expect.element(field('Naam')).toHaveAccessibleDescription(/50 tekens te veel/);
    await expect
      .element(product(1).getByLabelText('Productnaam'))
      .toHaveValue('Ambulante gezinsbegeleiding '.repeat(8));
    await save();
    const summary = page.getByRole('alert');
    await expect.element(summary).toHaveTextContent('De naam is te lang: 250 tekens, hoogstens 200.');
    await expect
      .element(summary)
      .toHaveTextContent('Product 1: De productnaam is te lang: 224 tekens, hoogstens 200.');
    await expect.element(summary).toHaveFocus();
    await expect.element(field('Naam')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field('Naam')).toHaveAccessibleDescription(/De naam is te lang: 250 tekens/);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('puts the server’s refusal of a too-long text beside its field, in its own precise words', async () => {
    const onSave = vi.fn(async () => {
      throw new Error('refused');
    });
    renderForm(onSave, {
      code: 'BAD_REQUEST',
      message: 'Invoer klopt niet',
      issues: [
        {
          path: ['contactRoute'],
          code: 'too_big',
          message: 'De contactroute is te lang: 612 tekens, hoogstens 500.',
        },
      ],
    });
    await field('Naam').fill('Stichting Oeverloos');
    await field('AGB-code').fill('98654321');
    await fillProduct(1, '54', '54001', 'Traumabehandeling (EMDR)');
    await save();
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('De contactroute is te lang: 612 tekens, hoogstens 500.');
    await expect.element(field('Contactroute voor aanmelden')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the server’s refusal and keeps what was typed', async () => {
    const onSave = vi.fn(async () => {
      throw new Error('refused');
    });
    renderForm(onSave, { code: 'BAD_REQUEST', message: 'Een van de gekozen regio’s bestaat niet.' });
    await field('Naam').fill('Stichting Oeverloos');
    await field('AGB-code').fill('98 65 43 21');
    await fillProduct(1, '54', '54001', 'Traumabehandeling (EMDR)');
    await field('Verwachte wachttijd (weken)').fill('0');
    await save();

    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('Opslaan is niet gelukt: Een van de gekozen regio’s bestaat niet.');
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ agbCode: '98654321', waitWeeks: 0 }));
    await expect.element(field('Naam')).toHaveValue('Stichting Oeverloos');
  });
});

describe('an edit made on an old version', () => {
  /** The provider as the beheerder opened it (version 3), and as another organisation saved it meanwhile (version 4). */
  const opened: KaartAanbieder = {
    id: '5d1c1f4e-0000-4000-8000-000000000009',
    name: 'Jeugdhulp De Kering',
    agbCode: '98123456',
    products: [{ category: '45', code: '45A01', name: 'Ambulante gezinsbegeleiding' }],
    regionIds: [REGIONS[0]?.id as string],
    waitWeeks: 6,
    contactRoute: 'aanmelden@dekering.example',
    active: true,
    version: 3,
    lastChange: null,
  };
  const current: KaartAanbieder = {
    ...opened,
    waitWeeks: 12,
    regionIds: [REGIONS[0]?.id as string, REGIONS[1]?.id as string],
    version: 4,
    lastChange: { by: 'Bea Beheer', organisation: 'GI Beta', at: '2026-11-24T13:05:00Z' },
  };

  function renderEdit(onSave: (input: AanbiederInput) => Promise<unknown>) {
    root.render(
      createElement(AanbiederForm, {
        initial: draftOfAanbieder(opened),
        isNew: false,
        regions: REGIONS,
        onSave,
        onCancel: () => undefined,
        failureOf: (): SaveFailure => ({
          code: 'CONFLICT',
          message: 'Niet opgeslagen: Bea Beheer (GI Beta) heeft deze aanbieder intussen gewijzigd.',
          current,
        }),
      }),
    );
  }

  it('shows the user’s version beside the current one, in Dutch, and takes the current one on request', async () => {
    const onSave = vi.fn(async (_input: AanbiederInput): Promise<unknown> => {
      throw new Error('conflict');
    });
    renderEdit(onSave);
    await field('Contactroute voor aanmelden').fill('Bel 010-1234567');
    await save();

    const notice = page.getByRole('alert');
    await expect.element(notice).toHaveFocus();
    await expect
      .element(notice.getByRole('heading'))
      .toHaveTextContent('Iemand anders heeft deze aanbieder intussen gewijzigd');
    await expect
      .element(notice)
      .toHaveTextContent(/Bea Beheer \(GI Beta\) wijzigde deze aanbieder op .*2026/);
    await expect.element(notice).toHaveTextContent('Uw wijziging is niet opgeslagen.');
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ baseVersion: 3, contactRoute: 'Bel 010-1234567' });
    // Only the fields that differ, each with both versions.
    const rows = notice.getByRole('row');
    await expect.element(rows.nth(0)).toHaveTextContent('GegevenUw versieNu opgeslagen');
    await expect.element(rows.nth(1)).toHaveTextContent('Gecontracteerd doorHaaglandenHaaglanden, Rijnmond');
    await expect.element(rows.nth(2)).toHaveTextContent('WachttijdWachttijd 6 wekenWachttijd 12 weken');
    await expect
      .element(rows.nth(3))
      .toHaveTextContent('ContactrouteBel 010-1234567aanmelden@dekering.example');
    expect(rows.all()).toHaveLength(4);

    await page.getByRole('button', { name: 'Huidige versie overnemen' }).click();
    await expect.element(field('Contactroute voor aanmelden')).toHaveValue('aanmelden@dekering.example');
    await expect.element(field('Verwachte wachttijd (weken)')).toHaveValue('12');
    await expect.element(page.getByLabelText('Rijnmond')).toBeChecked();
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent('De huidige versie staat nu in het formulier.');
    // A save from here is made on the current version.
    onSave.mockImplementation(async () => undefined);
    await save();
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(2));
    expect(onSave.mock.calls[1]?.[0]).toMatchObject({
      baseVersion: 4,
      waitWeeks: 12,
      contactRoute: 'aanmelden@dekering.example',
    });
  });

  it('saves the user’s own version over the current one only when asked, on the current version', async () => {
    const onSave = vi.fn(async (_input: AanbiederInput): Promise<unknown> => {
      throw new Error('conflict');
    });
    renderEdit(onSave);
    await field('Contactroute voor aanmelden').fill('Bel 010-1234567');
    await save();
    await expect.element(page.getByRole('alert')).toHaveFocus();
    expect(onSave).toHaveBeenCalledTimes(1);

    onSave.mockImplementation(async () => undefined);
    await page.getByRole('button', { name: 'Mijn versie toch opslaan' }).click();
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(2));
    expect(onSave.mock.calls[1]?.[0]).toMatchObject({
      baseVersion: 4,
      waitWeeks: 6,
      contactRoute: 'Bel 010-1234567',
      regionIds: [REGIONS[0]?.id],
    });
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
  });
});
