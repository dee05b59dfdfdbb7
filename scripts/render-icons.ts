// Renders the application icon from its SVG sources (resources/icons/bureau*.svg) into the PNG
// sizes Linux packages use and the Windows .ico, with Debian's Chromium (no image library
// needed). Run after editing an SVG: `npm run icons`. The outputs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/support/chromium';

const dir = join(import.meta.dirname, '..', 'resources', 'icons');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** Below this, the simplified drawing reads better than the detailed one scaled down. */
const SMALL_UP_TO = 32;

function svgDataUrl(file: string): string {
  return `data:image/svg+xml;base64,${readFileSync(join(dir, file)).toString('base64')}`;
}

/** An .ico holding PNG images (Windows Vista and later read PNG entries; 256 is stored as 0). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const rendered = new Map<number, Buffer>();
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const source = svgDataUrl(size <= SMALL_UP_TO ? 'bureau-small.svg' : 'bureau.svg');
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        `<img src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page
      .locator('img')
      .evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    const png = await page.screenshot({ omitBackground: true, type: 'png' });
    writeFileSync(join(dir, `${size}x${size}.png`), png);
    rendered.set(size, png);
    await page.close();
  }
  writeFileSync(
    join(dir, 'bureau.ico'),
    icoOf(ICO_SIZES.map((size) => ({ size, png: rendered.get(size)! }))),
  );
  console.log(`Icônes écrites dans ${dir}`);
} finally {
  await browser.close();
}
