import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { withReportPage } from '../../../src/report/html/browser.js';

it('preview parts', async () => {
  const page = readFileSync('.tmp/report-preview.html', 'utf8');
  await withReportPage(page, async (p) => {
    const h = await p.evaluate(() => document.body.scrollHeight);
    for (let y = 0, i = 0; y < h; y += 1400, i++) {
      writeFileSync(`.tmp/part-${i}.png`, await p.screenshot({ fullPage: true, clip: { x: 0, y, width: 1100, height: Math.min(1400, h - y) } }));
    }
  });
});
