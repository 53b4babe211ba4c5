/**
 * Photos on the phone, end to end in Chromium at phone size: attached offline to a contact, kept
 * (encrypted) across a reload, sent in chunks once online, and viewed by the team lead on the
 * office case file; an attachment the server refuses lands in the wachtrij with its reason and
 * thumbnail.
 */
import { expect, type Page, test } from '@playwright/test';
import { withCameraMetadata } from '../helpers/exif-jpeg';
import {
  expectAllSynced,
  openNthCase,
  serviceWorkerReady,
  syncStatus,
  teamLeadOpens,
  unlock,
  workerOnNewDevice,
} from './helpers';

/** A camera-like JPEG (3000×2000, with EXIF GPS), drawn by the browser itself. */
async function cameraJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const g = ctx.createLinearGradient(0, 0, 3000, 2000);
    g.addColorStop(0, '#2a6');
    g.addColorStop(1, '#c42');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 3000, 2000);
    ctx.fillStyle = '#fff';
    ctx.font = 'bold 240px sans-serif';
    ctx.fillText('Schoolrapport', 300, 1100);
    const bytes = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
    );
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(withCameraMetadata(new Uint8Array(Buffer.from(base64, 'base64'))));
}

test('offline: a photo attached to a contact survives a reload, goes up once online, and the team lead views it', async ({
  page,
  context,
  browser,
}) => {
  await workerOnNewDevice(page, 'mohamed.elamrani');
  await serviceWorkerReady(page);
  const photo = await cameraJpeg(page);
  const report = `Huisbezoek met foto ${Date.now()}: het schoolrapport bekeken.`;

  await context.setOffline(true);
  await expect(syncStatus(page)).toHaveText(/Offline/);
  const { caseId, name } = await openNthCase(page);
  await page.getByRole('link', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Verslag').fill(report);
  const sheet = page.getByRole('dialog');
  await sheet
    .getByTestId('attachment-input')
    .setInputFiles({ name: 'IMG_2041.JPG', mimeType: 'image/jpeg', buffer: photo });
  await expect(sheet.getByTestId('chosen-attachments').getByTestId('attachment-thumb')).toBeVisible();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const entry = page.getByTestId('timeline').locator('.timeline-contact', { hasText: report });
  await expect(entry.getByTestId('attachment-thumb')).toBeVisible();
  await expect(entry).toContainText('Nog niet verstuurd');

  // Reopen without network: the photo is on the phone, encrypted; the PIN opens it.
  await page.reload();
  await unlock(page);
  await expect(entry.getByTestId('attachment-thumb')).toBeVisible();
  await entry.getByRole('button', { name: 'IMG_2041.jpg openen' }).click();
  await expect(page.getByTestId('attachment-full')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/attachment-viewer-390x844.png' });
  await page.getByRole('button', { name: 'Sluiten' }).click();

  // Online: the contact is pushed, then the photo's bytes go up; "all synced" waits for both.
  await context.setOffline(false);
  await expectAllSynced(page);
  await expect(entry).not.toContainText('Nog niet verstuurd');
  await entry.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/attachment-390x844.png' });

  const { lead, page: leadPage } = await teamLeadOpens(browser, caseId, name);
  const item = leadPage.getByTestId('case-attachment').filter({ hasText: 'IMG_2041.jpg' });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: 'Bekijken: IMG_2041.jpg' }).click();
  const img = item.getByRole('img', { name: /IMG_2041\.jpg/ });
  await expect(img).toBeVisible();
  // The photo as the phone scaled it: 1600 wide (from 3000).
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1600);
  await lead.close();
});

test('an attachment refused by the server stays in the wachtrij with its reason and thumbnail until removed', async ({
  page,
  context,
  browser,
}) => {
  await workerOnNewDevice(page, 'mohamed.elamrani');
  await serviceWorkerReady(page);
  const photo = await cameraJpeg(page);
  await context.setOffline(true);
  const { caseId, name } = await openNthCase(page);
  const bijlagen = page.getByTestId('bijlagen');
  await bijlagen
    .getByTestId('attachment-input')
    .setInputFiles({ name: 'brief.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(bijlagen.getByTestId('bijlagen-list').getByTestId('attachment-thumb')).toBeVisible();
  await expect(bijlagen.getByRole('status').filter({ hasText: 'brief.jpg is toegevoegd' })).toBeVisible();

  // Meanwhile the team lead moves the case to a colleague: the server refuses the attachment.
  const { lead, page: leadPage } = await teamLeadOpens(browser, caseId, name);
  const joris = await leadPage
    .locator('#reassign-to option', { hasText: 'Joris van Dam' })
    .getAttribute('value');
  await leadPage.getByLabel('Overdragen aan').selectOption(joris ?? '');
  await leadPage.getByRole('button', { name: 'Dossier overdragen' }).click();
  await expect(leadPage.getByRole('status').filter({ hasText: 'Overgedragen' })).toBeVisible();
  await lead.close();

  await context.setOffline(false);
  await expect(syncStatus(page)).toHaveText(/geweigerd/, { timeout: 30_000 });
  await syncStatus(page).click();
  const refused = page.getByTestId('outbox-refused').locator('li');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Bijlage: brief.jpg');
  await expect(refused).toContainText('Reden:');
  await expect(refused.getByTestId('attachment-thumb')).toBeVisible();
  await page.getByTestId('outbox-refused').getByRole('button', { name: 'Weggooien' }).click();
  await page.getByRole('button', { name: 'Ja, weggooien' }).click();
  await expect(page.getByText('Alles is verwerkt. Er wacht niets.')).toBeVisible();
  await expectAllSynced(page);
});
