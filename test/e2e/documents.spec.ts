/**
 * The paperwork the app writes (issue 21), in Chromium at 390×844 against the real server with the
 * demo: the agenda's "verzoek verlenging" item leads to the draft, which downloads as a DOCX with
 * the child's facts in it; the beheerder's template is refused with the unknown placeholder named
 * beside the file field, and an own template and the second reader are set and undone.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import PizZip from 'pizzip';
import { buildDefaultExtensionTemplate } from '../../server/services/documents/default-template';
import { demoExtensionDue, logIn, workerOnNewDevice } from './helpers';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The text of a DOCX's body, the runs joined. */
function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<w:p[ >]/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&amp;', '&');
}

/** The default template with one more paragraph: a placeholder of its own. */
function templateWith(extra: string): Buffer {
  const zip = new PizZip(buildDefaultExtensionTemplate());
  const xml = zip.file('word/document.xml')?.asText() ?? '';
  zip.file(
    'word/document.xml',
    xml.replace('<w:body>', `<w:body><w:p><w:r><w:t xml:space="preserve">${extra}</w:t></w:r></w:p>`),
  );
  return zip.generate({ type: 'nodebuffer' });
}

test('the agenda\'s "verzoek verlenging" item leads to the draft, downloaded as a DOCX with the child\'s facts', async ({
  page,
}) => {
  const due = demoExtensionDue();
  await workerOnNewDevice(page, due.username);
  await page.getByTestId('tab-agenda').click();
  await expect(page.getByRole('heading', { name: 'Vandaag', level: 1 })).toBeFocused();

  const item = page.locator(`[data-testid="agenda-item"][data-key="maatregel-verlenging:${due.measureId}"]`);
  await expect(item).toContainText(due.child);
  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/dossier/${due.caseId}/verlenging$`));
  const heading = page.getByRole('heading', { name: `Verzoek tot verlenging voor ${due.child}`, level: 1 });
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('extension-dates')).toContainText('Verzoek tot verlenging uiterlijk');
  // What the draft cannot know, said before it is downloaded.
  await expect(page.getByTestId('extension-todo')).toContainText('De visie van de jeugdige');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Concept downloaden (Word)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^verzoek-verlenging-.*\.docx$/);
  // No case data in the address the file came from: a blob of the page, not a URL with the case.
  expect(download.url()).toMatch(/^blob:/);
  await expect(page.getByRole('status').filter({ hasText: 'gedownload' })).toBeVisible();
  const text = docxText(await readFile((await download.path()) as string));
  expect(text).toContain('Verzoek tot verlenging');
  expect(text).toContain(due.child);
  expect(text).toContain('Concept: te controleren en aan te vullen door de jeugdbeschermer');

  // The case file's extension banner leads to the same screen.
  await page.getByRole('link', { name: /Terug/ }).click();
  await expect(page.getByRole('heading', { name: due.child, level: 1 })).toBeVisible();
  await page.getByTestId('extension-action').click();
  await expect(heading).toBeFocused();
});

test("the team lead downloads the drafts of the team's due requests in one ZIP, one DOCX per child", async ({
  page,
}) => {
  const due = demoExtensionDue();
  await logIn(page, due.lead);
  await expect(page.getByRole('heading', { name: 'Mijn team', level: 1 })).toBeVisible();
  const section = page.getByTestId('extensions-due');
  const box = section.locator(`input[data-case-id="${due.caseId}"]`);
  await expect(box).toBeChecked();
  await expect(section.getByRole('checkbox', { name: new RegExp(due.child) })).toBeChecked();
  const count = await section.getByRole('checkbox', { checked: true }).count();

  const downloading = page.waitForEvent('download');
  await section.getByRole('button', { name: /^Concepten? downloaden \(ZIP/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^verzoeken-verlenging-.*\.zip$/);
  await expect(section.getByRole('status')).toContainText('gedownload');
  const zip = new PizZip(await readFile((await download.path()) as string));
  const drafts = Object.keys(zip.files).filter((name) => name.endsWith('.docx'));
  expect(drafts).toHaveLength(count);
  const texts = drafts.map((name) => docxText(Buffer.from(zip.file(name)?.asUint8Array() ?? [])));
  expect(texts.some((text) => text.includes(due.child))).toBe(true);

  // None chosen: nothing to send, the button says so by being off.
  for (const checkbox of await section.getByRole('checkbox').all()) await checkbox.uncheck();
  await expect(section.getByRole('button', { name: /downloaden \(ZIP, 0 kinderen\)/ })).toBeDisabled();
});

test("the beheerder's template: an unknown placeholder is named beside the field; an own template and the second reader are set and undone", async ({
  page,
}) => {
  await logIn(page, 'karin.bos');
  await expect(page.getByRole('heading', { name: 'Sociale kaart', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Documenten' }).click();
  await expect(page.getByRole('heading', { name: 'Documenten', level: 1 })).toBeFocused();
  await expect(page.getByTestId('template-current')).toHaveText('De app gebruikt het standaardsjabloon.');
  await expect(page.getByTestId('placeholders')).toContainText('{jeugdige_naam}');

  const field = page.getByLabel('Eigen sjabloon plaatsen (.docx)');
  try {
    await field.setInputFiles({
      name: 'sjabloon met fout.docx',
      mimeType: DOCX_MIME,
      buffer: templateWith('Huisarts: {huisarts}'),
    });
    const refused = page.locator('#template-file-error');
    await expect(refused).toHaveText(
      'sjabloon met fout.docx is niet geplaatst. Het sjabloon gebruikt de onbekende plaatshouder {huisarts}',
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('template-current')).toHaveText('De app gebruikt het standaardsjabloon.');

    // Not a Word file at all: said beside the field, nothing sent.
    await field.setInputFiles({
      name: 'sjabloon.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4'),
    });
    await expect(refused).toContainText('Kies een Word-document (.docx) als sjabloon.');

    await field.setInputFiles({
      name: 'Eigen sjabloon.docx',
      mimeType: DOCX_MIME,
      buffer: templateWith('Jeugdbescherming Zuidwest, kenmerk {zaaknummer}'),
    });
    await expect(
      page.getByRole('status').filter({ hasText: 'Eigen sjabloon.docx is geplaatst' }),
    ).toBeVisible();
    await expect(page.getByTestId('template-current')).toContainText('Eigen sjabloon: Eigen sjabloon.docx');

    await page.getByLabel('De teamleider keurt het verzoek goed voordat het definitief is').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
    await page.reload();
    await expect(
      page.getByLabel('De teamleider keurt het verzoek goed voordat het definitief is'),
    ).toBeChecked();
  } finally {
    // Undone, so the other browser tests meet the default template and no second reader.
    await page.getByRole('button', { name: 'Terug naar het standaardsjabloon' }).click();
    await expect(page.getByTestId('template-current')).toHaveText('De app gebruikt het standaardsjabloon.');
    await page.getByLabel('Geen: de jeugdbeschermer maakt het verzoek definitief').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
  }
});
