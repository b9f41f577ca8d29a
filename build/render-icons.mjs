// Rasterises build/icon.svg into the PNGs electron-builder uses: build/icon.png (1024×1024,
// from which it derives the macOS .icns and the Windows .ico) and build/icons/<n>x<n>.png
// for Linux. Run by hand after changing the SVG: `node build/render-icons.mjs`
// (headless system Chromium through playwright-core; CHROMIUM_PATH overrides where it is).
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const svg = await readFile(path.join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  // Each size is drawn from the vector at that size, not scaled down from one bitmap.
  const shoot = async (size, file) => {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
  };
  await shoot(1024, path.join(here, 'icon.png'));
  await mkdir(path.join(here, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) await shoot(size, path.join(here, 'icons', `${size}x${size}.png`));
} finally {
  await browser.close();
}
