import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readDemoGroundTruth } from '../../src/demo/index.js';
import { readNifti } from '../../src/nifti/index.js';
import { captureIO } from '../helpers/capture-io.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir } from '../helpers/temp-tree.js';
import { attr, bodyRows, byId, byTag, elements, parseHtml, text } from '../report/html/dom.js';
import { decodeRgbPng } from '../report/html/png-decode.js';

const SECTIONS = ['study', 'model', 'heatmap', 'top-regions', 'brain-slices', 'temporal-profile', 'faithfulness', 'randomisation', 'methods', 'provenance'];
/** The AAL label of each region name, from the reference atlas's own names file (not the app's copy). */
const AAL_LABELS = new Map(readFileSync(shared('atlases', 'aal.nii.txt'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/)).map(([label, name]) => [name, label]));

/** Checks one model's report.html as a reader would see it, against the regions.tsv of the same report and the AAL names file. */
function checkReportHtml(page: string, model: string, accuracy: string, windows: number, regionsTsv: string) {
  const doc = parseHtml(page);
  expect(text(byTag(doc, 'title')[0])).toBe(`Saliency report: ${model}`);
  expect(byTag(doc, 'section').map((e) => attr(e, 'id'))).toEqual(SECTIONS);
  // The demo checks its maps against weight randomisation (Adebayo et al. 2018), cascading from the head down:
  // head, then the cell, then (with input-cell attention) the attention.
  expect(bodyRows(byId(doc, 'randomisation-stages'))).toHaveLength(model === 'lstm-input-cell' ? 3 : 2);
  expect(text(byId(doc, 'randomisation-verdict'))).toMatch(/^These maps (pass|fail) the randomisation check \(mean \|ρ\| = \d\.\d\d/);
  // The demo measures the masked-accuracy drop at 10/20/30 % of cells, salient against random, and the report shows it.
  expect(bodyRows(byId(doc, 'masked-accuracy')).map((row) => row[0])).toEqual(['10.0 %', '20.0 %', '30.0 %']);
  // Model section: the accuracy the CLI printed, and a 3 × 3 confusion matrix over the test windows.
  expect(text(byId(doc, 'test-accuracy'))).toBe(`${accuracy} %`);
  const confusion = bodyRows(byId(doc, 'confusion-matrix'));
  expect(confusion.map((row) => row[0]).sort()).toEqual(['language', 'motor', 'visual']);
  const counts = confusion.map((row) => row.slice(1, 4).map(Number));
  expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(windows);
  expect((100 * counts.reduce((sum, row, i) => sum + row[i], 0) / windows).toFixed(1)).toBe(accuracy);
  // Top regions: the 20 best-ranked rows of regions.tsv, each a real AAL region with its own label.
  const rows = bodyRows(byId(doc, 'top-regions-table'));
  const [head, ...tsv] = regionsTsv.trim().split('\n').map((l) => l.split('\t'));
  const col = (name: string) => head.indexOf(name);
  const ranked = tsv.sort((a, b) => Number(a[col('rank')]) - Number(b[col('rank')])).slice(0, 20);
  expect(rows).toHaveLength(20);
  expect(rows.map((r) => r[0])).toEqual(ranked.map((_, i) => String(i + 1)));
  expect(rows.map((r) => r[1])).toEqual(ranked.map((r) => r[col('name')]));
  expect(rows.map((r) => r[2])).toEqual(ranked.map((r) => r[col('label')]));
  for (const r of rows) expect(AAL_LABELS.get(r[1])).toBe(r[2]);
  rows.forEach((r, i) => expect(r[3].split(' ± ')[0]).toBe(`${(100 * Number(ranked[i][col('importance_mean')])).toFixed(2)} %`));
  // Brain slices: nine real PNGs (decoded, every chunk CRC-checked), each with its z.
  const images = byTag(byId(doc, 'brain-slices'), 'image');
  expect(images).toHaveLength(9);
  for (const image of images) {
    const href = attr(image, 'href') ?? '';
    expect(href).toMatch(/^data:image\/png;base64,/);
    const png = decodeRgbPng(Buffer.from(href.slice(href.indexOf(',') + 1), 'base64'));
    expect(png.width).toBeGreaterThan(50);
    expect(png.rgb.length).toBe(png.width * png.height * 3);
  }
  expect(byTag(byId(doc, 'brain-slices'), 'text').map((t) => text(t)).filter((t) => /^z = -?\d+ mm$/.test(t))).toHaveLength(9);
  expect(byTag(byId(doc, 'heatmap'), 'svg')).toHaveLength(1);
  expect(byTag(byId(doc, 'temporal-profile'), 'svg')).toHaveLength(1);
  // Self-contained: no scripts or links, every reference in-page or a PNG data URI, no URL but the SVG namespaces.
  const all = elements(doc);
  expect(all.filter((e) => ['script', 'link', 'iframe', 'object', 'embed'].includes(e.tagName))).toEqual([]);
  const refs = all.flatMap((e) => e.attrs.filter((a) => /^(src|href|xlink:href|srcset|action|poster)$/.test(a.name)).map((a) => a.value));
  expect(refs.filter((v) => !v.startsWith('#') && !v.startsWith('data:image/png;base64,'))).toEqual([]);
  expect(all.filter((e) => e.tagName === 'style').map((e) => text(e)).join('\n')).not.toMatch(/@import|url\((?!#)/);
  expect(new Set(page.match(/\b(https?|file|ftp):\/\/[^\s"'<>)]*/g) ?? [])).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
}

describe('saliency-studio demo', () => {
  it('runs the whole job on the demo study, writes a self-contained HTML report per model, and reports how well saliency found the planted regions', async () => {
    const out = await tempDir();
    const io = captureIO();
    expect(await main(['demo', '--out', out], io)).toBe(0);
    const stdout = io.stdout();
    for (const model of ['lstm-input-cell', 'lstm']) {
      const printed = stdout.match(new RegExp(`^${model}: test accuracy (\\d+\\.\\d) % \\((\\d+) windows\\)`, 'm'));
      expect(printed).not.toBeNull();
      const report = path.join(out, 'report', model);
      const files = await readdir(report);
      for (const f of ['regions.tsv', 'region_by_time.tsv', 'region_importance.nii.gz', 'region_by_time.nii.gz', 'saliency.npy', 'provenance.json', 'report.html']) expect(files).toContain(f);
      expect(stdout).toContain(path.join(report, 'report.html'));
      // The report's map has one value per AAL region; the planted regions of the tasks are real AAL names.
      const map = await readNifti(path.join(report, 'region_importance.nii.gz'));
      expect(map.header.shape.slice(0, 3)).toEqual([181, 217, 181]);
      checkReportHtml(await readFile(path.join(report, 'report.html'), 'utf8'), model, printed![1], Number(printed![2]), await readFile(path.join(report, 'regions.tsv'), 'utf8'));
    }
    const truth = await readDemoGroundTruth(path.join(out, 'study'));
    expect(truth.subjects.length).toBeGreaterThanOrEqual(4);
    // The side-by-side table shows the paper's fMRI finding on the demo (Ismail et al. 2019):
    // both models learn the task; the input-cell model's salient cells fall in task-ON steps far
    // above chance and masking them costs far more accuracy than masking random cells; the plain
    // LSTM's saliency piles up in the last steps (vanishing saliency).
    const pair = (label: string) => {
      const line = stdout.split('\n').find((l) => l.startsWith(label));
      expect(line, label).toBeDefined();
      return [...line!.slice(label.length).matchAll(/(\d+\.\d) %/g)].map((m) => Number(m[1]));
    };
    const [icAccuracy, lstmAccuracy] = pair('test accuracy');
    expect(Math.min(icAccuracy, lstmAccuracy)).toBeGreaterThan(60);
    const chance = Number(stdout.match(/^top 10 % cells in task-ON steps \(chance (\d+) %\)/m)![1]);
    expect(chance).toBeLessThanOrEqual(50);
    const [icOn, lstmOn] = pair(`top 10 % cells in task-ON steps (chance ${chance} %)`);
    expect(icOn).toBeGreaterThan(chance + 20);
    expect(icOn).toBeGreaterThan(lstmOn + 20);
    const [icLast, lstmLast] = pair('saliency in the last 4 of 40 steps (flat: 10 %)');
    expect(lstmLast).toBeGreaterThan(30);
    expect(icLast).toBeLessThan(20);
    const [icSalient, icRandom] = pair('accuracy, 10 % cells masked: salient / random');
    expect(icSalient).toBeLessThan(icRandom - 20);
    expect(stdout).toMatch(/^randomisation check: mean \|ρ\| once all is random +\d\.\d\d, (passes|fails) +\d\.\d\d, (passes|fails)$/m);
    const precisions = [...stdout.matchAll(/top-k precision\): (\d+) %/g)].map((m) => Number(m[1]));
    expect(precisions).toHaveLength(2);
    // Far above chance: a random top-5 of 116 regions holds a planted one ~4 % of the time.
    expect(Math.max(...precisions)).toBeGreaterThanOrEqual(40);
    const tsv = await readFile(path.join(out, 'report', 'lstm-input-cell', 'regions.tsv'), 'utf8');
    expect(tsv.split('\n')[0]).toMatch(/^label\tname\timportance_mean\timportance_sd\trank/);
  }, 480_000);
});
