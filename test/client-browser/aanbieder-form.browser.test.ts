/**
 * The provider form of the sociale kaart, rendered in real Chromium and used
 * as a beheerder would: by label, with the keyboard and clicks. Nothing
 * reaches `onSave` until the form is right, and then exactly the input the
 * server's schema takes; problems are Dutch, next to the field and in a
 * summary that gets the focus.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { AanbiederForm } from '../../client/src/features/admin/aanbieder-form';
import { newAanbiederDraft, type SaveFailure } from '../../client/src/features/admin/kaart-model';
import '../../client/src/i18n';
import type { AanbiederInput } from '../../shared/schemas/referral-desk';

const REGIONS = [
  { id: '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c0001', name: 'Haaglanden' },
  { id: '0b6f7d1e-4c55-4b1e-9a57-1f0f5a0c0002', name: 'Rijnmond' },
];

let root: Root;
let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  root.unmount();
  container.remove();
});

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
    await expect.element(summary).toHaveTextContent('Verbeter 6 punten:');
    await expect.element(summary).toHaveTextContent('Vul de naam van de aanbieder in.');
    await expect.element(summary).toHaveTextContent('De AGB-code bestaat uit precies 8 cijfers.');
    await expect.element(summary).toHaveTextContent('Product 1: Kies een productcategorie.');
    await expect
      .element(summary)
      .toHaveTextContent('Vul de wachttijd in als een heel aantal weken, van 0 tot 260.');
    await expect.element(summary).toHaveFocus();
    // The message sits with its field too, and describes it for a screen reader.
    await expect.element(field('AGB-code')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field('AGB-code')).toHaveAccessibleDescription(/precies 8 cijfers/);
    expect(onSave).not.toHaveBeenCalled();
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
    });
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
