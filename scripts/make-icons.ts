/**
 * Renders client/public/icon.svg to the PNG icons the web manifest lists, in
 * Debian's Chromium. Run after changing the SVG: `npx tsx scripts/make-icons.ts`.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync('client/public/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();
const targets = [
  { file: 'icon-192.png', size: 192, inset: 0 },
  { file: 'icon-512.png', size: 512, inset: 0 },
  // Maskable icons keep their content in the central 80%: a full-bleed background with the mark inset.
  { file: 'icon-maskable-512.png', size: 512, inset: 0.12 },
];
for (const { file, size, inset } of targets) {
  await page.setViewportSize({ width: size, height: size });
  const pad = Math.round(size * inset);
  await page.setContent(
    `<html><body style="margin:0;background:#1d4f91;width:${size}px;height:${size}px">
       <div style="padding:${pad}px;width:${size}px;height:${size}px;box-sizing:border-box">${svg.replace('<svg ', `<svg width="${size - 2 * pad}" height="${size - 2 * pad}" `)}</div>
     </body></html>`,
  );
  await page.screenshot({ path: `client/public/icons/${file}`, omitBackground: inset === 0 });
}
await browser.close();
