import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportHtml, writeHtmlReport } from '../../../src/report/html/index.js';
import type { ReportContext } from '../../../src/report/context.js';
import { suiteTempDir } from '../../helpers/temp-tree.js';
import { attr, bodyRows, byId, byTag, elements, parseHtml, text, type Element } from './dom.js';
import { CLASSES, CONFUSION, REGIONS, SAMPLES, fixtureContext } from './fixture.js';
import { naiveImportance } from './reference.js';
import { pngSize } from './png-decode.js';

const SECTIONS = ['study', 'model', 'heatmap', 'top-regions', 'brain-slices', 'temporal-profile', 'randomisation', 'methods', 'provenance'];
const pct2 = (v: number) => `${(100 * v).toFixed(2)} %`;

let ctx: ReportContext;
let page: string;
let doc: Element;
let dir: string;
let written: string[];

beforeAll(async () => {
  ctx = await fixtureContext();
  dir = await suiteTempDir();
  written = await writeHtmlReport(ctx, dir);
  page = await readFile(path.join(dir, 'report.html'), 'utf8');
  doc = parseHtml(page);
});

describe('writeHtmlReport', () => {
  it('writes report.html alone, with no temp file left behind', async () => {
    expect(written).toEqual(['report.html']);
    expect(await readdir(dir)).toEqual(['report.html']);
  });

  it('has a title with the run name and every section, in order', () => {
    expect(text(byTag(doc, 'title')[0])).toBe('Saliency report: lstm-attention');
    expect(byTag(doc, 'section').map((s) => attr(s, 'id'))).toEqual(SECTIONS);
    expect(text(byTag(doc, 'header')[0])).toContain('2025-01-02');
  });

  it('summarises the study design', () => {
    const rows = Object.fromEntries(bodyRows(byId(doc, 'study-table')).map(([k, v]) => [k, v]));
    expect(rows.Classes).toBe('3: rest, motor, visual (labelled by the task of each run)');
    expect(rows.Subjects).toBe('3: 01, 02, 03');
    expect(rows.Window).toBe('12 volumes (24 s), stride 6 volumes, TR 2 s; each region z-scored per run');
    expect(rows.Samples).toBe('36 training, 6 validation (held out from the training subjects), 9 test; subjects split with seed 7');
  });

  it('shows the model, the test accuracy and the confusion matrix with recall', () => {
    const rows = Object.fromEntries(bodyRows(byId(doc, 'model-table')).map(([k, v]) => [k, v]));
    expect(rows.Cell).toBe('LSTM, 16 hidden units');
    expect(rows.Attention).toBe('input-cell attention (r = 20 hops, d_a = 50, hops averaged)');
    expect(rows['Best epoch']).toBe('8 (validation loss 0.6800, accuracy 70.0 %)');
    expect(text(byId(doc, 'test-accuracy'))).toBe('77.8 %'); // 7 of 9
    const confusion = byId(doc, 'confusion-matrix');
    expect(byTag(byTag(confusion, 'thead')[0], 'th').map((th) => text(th))).toEqual(['true \\ predicted', ...CLASSES, 'recall']);
    expect(bodyRows(confusion)).toEqual(CONFUSION.map((row, i) => [CLASSES[i], ...row.map(String), ['100.0 %', '66.7 %', '66.7 %'][i]]));
  });

  it('lists the top regions in rank order with mean ± sd and per-class importance matching a naive computation', () => {
    const all = naiveImportance();
    const perClass = CLASSES.map((_, c) => naiveImportance([...Array(SAMPLES).keys()].filter((n) => n % 3 === c)).mean);
    const order = [...REGIONS.keys()].sort((a, b) => all.mean[b] - all.mean[a]);
    const expected = order.map((r, k) => [
      String(k + 1), REGIONS[r][1], String(REGIONS[r][0]), `${pct2(all.mean[r])} ± ${(100 * all.sd[r]).toFixed(2)}`,
      ...perClass.map((m) => pct2(m[r])),
      '80.6 %', // per region: rest samples tie all 12 steps (5/12 ON), task samples peak in ON steps: (3·5/12 + 6) / 9
    ]);
    expect(bodyRows(byId(doc, 'top-regions-table'))).toEqual(expected);
    // Motor samples weigh Precentral_L most; visual samples the calcarine cortex.
    expect(expected[0][1]).toBe('Precentral_L');
    // Top 10 of 96 cells: all ON in the 6 task samples, 5/12 in the 3 rest samples → 80.6 %, chance 5/12, lift 1.93.
    expect(text(byId(doc, 'top-regions'))).toContain('80.6 % fall in task-ON time steps (chance 41.7 %, lift 1.93)');
  });

  it('draws the heatmap as inline SVG: one cell per region and step, regions top-down by importance', () => {
    const svg = byTag(byId(doc, 'heatmap'), 'svg');
    expect(svg).toHaveLength(1);
    const labels = byTag(svg[0], 'text').map((t) => text(t));
    const names = labels.filter((l) => REGIONS.some(([, n]) => n === l));
    const all = naiveImportance();
    expect(names).toEqual([...REGIONS.keys()].sort((a, b) => all.mean[b] - all.mean[a]).map((r) => REGIONS[r][1]));
    const filled = byTag(svg[0], 'path').filter((p) => (attr(p, 'fill') ?? 'none') !== 'none');
    expect(filled.length).toBeGreaterThanOrEqual(REGIONS.length * 12);
  });

  it('draws the temporal profile and the training curve as inline SVG', () => {
    const profile = byTag(byId(doc, 'temporal-profile'), 'svg');
    expect(profile).toHaveLength(1);
    expect(byTag(profile[0], 'text').map((t) => text(t))).toEqual(expect.arrayContaining(['mean', '± 1 sd', '0', '11']));
    expect(byTag(byId(doc, 'training-curve'), 'svg')).toHaveLength(1);
  });

  it('draws nine axial slices as embedded PNGs with their z and a colour bar up to the top importance', () => {
    const svg = byTag(byId(doc, 'brain-slices'), 'svg');
    expect(svg).toHaveLength(1);
    const images = byTag(svg[0], 'image');
    expect(images).toHaveLength(9);
    for (const image of images) {
      const href = attr(image, 'href') ?? '';
      expect(href).toMatch(/^data:image\/png;base64,/);
      const size = pngSize(Buffer.from(href.slice(href.indexOf(',') + 1), 'base64'));
      expect(size.width).toBeGreaterThan(100);
      expect(size.height).toBeGreaterThan(100);
    }
    const texts = byTag(svg[0], 'text').map((t) => text(t));
    const z = texts.filter((t) => /^z = -?\d+ mm$/.test(t)).map((t) => Number(t.split(' ')[2]));
    expect(z).toHaveLength(9);
    expect(z).toEqual([...z].sort((a, b) => a - b));
    // Painted from the even share 1/8 (the colour bar's low end) to the top importance.
    const { mean } = naiveImportance();
    expect(texts).toEqual(expect.arrayContaining([(1 / 8).toPrecision(2), Math.max(...mean).toPrecision(2)]));
    const above = mean.filter((m) => m > 1 / 8).length;
    expect(above).toBe(4);
    expect(text(byId(doc, 'brain-slices'))).toContain(`The ${above} regions whose importance is above the even share (1/8 = 0.13) are painted`);
  });

  it('cites Ismail et al. 2019 and 2020, the gradient method, the AAL atlas and the template', () => {
    const refs = byTag(byTag(byId(doc, 'methods'), 'ol')[0], 'li').map((li) => text(li));
    expect(refs).toHaveLength(5);
    expect(refs[0]).toMatch(/^Ismail AA.*Input-Cell Attention Reduces Vanishing Saliency of Recurrent Neural Networks.*NeurIPS 2019/);
    expect(refs[1]).toMatch(/Benchmarking Deep Learning Interpretability in Time Series Predictions.*NeurIPS 2020/);
    expect(refs[2]).toMatch(/^Simonyan K/);
    expect(refs[3]).toMatch(/^Tzourio-Mazoyer N.*NeuroImage 15\(1\):273–289, 2002/);
    expect(refs[4]).toMatch(/^Holmes CJ/);
  });

  it('records the app version and every input file with its SHA-256', () => {
    expect(text(byId(doc, 'provenance'))).toContain('saliency-studio 0.1.0');
    expect(bodyRows(byId(doc, 'provenance-files'))).toEqual(ctx.provenance.files.map((f) => [f.role, f.path, f.bytes.toLocaleString('en-US'), f.sha256]));
  });

  it('references nothing outside the file: no scripts, links, external URLs or imports', () => {
    const all = elements(doc);
    expect(all.filter((e) => ['script', 'link', 'iframe', 'object', 'embed'].includes(e.tagName))).toEqual([]);
    const refs = all.flatMap((e) => e.attrs.filter((a) => /^(src|href|xlink:href|srcset|action|poster)$/.test(a.name)).map((a) => a.value));
    expect(refs.length).toBeGreaterThan(9);
    expect(refs.filter((v) => !v.startsWith('#') && !v.startsWith('data:image/png;base64,'))).toEqual([]);
    const styles = all.filter((e) => e.tagName === 'style').map((e) => text(e)).join('\n');
    expect(styles).not.toMatch(/@import|url\((?!#)/);
    // The only URLs are the SVG and XLink namespace names, which are never fetched.
    const urls = page.match(/\b(https?|file|ftp):\/\/[^\s"'<>)]*/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
  });
});

describe('reportHtml', () => {
  it('escapes text from the data: a region named <b>&"x stays text', async () => {
    const odd = await fixtureContext({ firstRegionName: '<b>&"x', datasetDir: '/data/<script>alert(1)</script>' });
    const out = reportHtml(odd, null);
    const parsed = parseHtml(out);
    expect(byTag(parsed, 'b')).toEqual([]);
    expect(byTag(parsed, 'script')).toEqual([]);
    expect(out).not.toContain('<b>&"x');
    expect(out).toContain('&lt;b&gt;&amp;&quot;x');
    expect(bodyRows(byId(parsed, 'top-regions-table')).map((row) => row[1])).toContain('<b>&"x');
    expect(byTag(byId(parsed, 'heatmap'), 'text').map((t) => text(t))).toContain('<b>&"x');
    expect(text(byId(parsed, 'study-table'))).toContain('/data/<script>alert(1)</script>');
  });

  it('names Integrated Gradients, SmoothGrad and TSR with their papers when they were used', async () => {
    const base = await fixtureContext();
    const methods = (method: string) => {
      const variant = { ...base, saliency: { ...base.saliency, index: { ...base.saliency.index, method } } };
      const parsed = parseHtml(reportHtml(variant, null));
      return { text: text(byId(parsed, 'methods')), refs: byTag(byId(parsed, 'methods'), 'li').map((li) => text(li)) };
    };
    const ig = methods('ig+tsr');
    expect(ig.text).toContain('Integrated Gradients');
    expect(ig.text).toContain('Temporal Saliency Rescaling');
    expect(ig.refs.some((r) => r.startsWith('Sundararajan M, Taly A, Yan Q. Axiomatic Attribution for Deep Networks'))).toBe(true);
    const smooth = methods('smoothgrad');
    expect(smooth.refs.some((r) => r.startsWith('Smilkov D') && r.includes('SmoothGrad'))).toBe(true);
    expect(smooth.text).not.toContain('Temporal Saliency Rescaling');
    expect(smooth.refs.some((r) => r.startsWith('Sundararajan'))).toBe(false);
  });

  it('says why there is no brain map when the regions have no atlas', async () => {
    const base = await fixtureContext();
    const parsed = parseHtml(reportHtml({ ...base, atlas: null }, null));
    const section = byId(parsed, 'brain-slices');
    expect(byTag(section, 'image')).toEqual([]);
    expect(text(section)).toContain('No brain map: this dataset\'s regions were imported from a table');
  });

  it('draws the slices on the atlas grid, and says so, when the template is not there', async () => {
    const parsed = parseHtml(reportHtml(await fixtureContext(), null));
    const section = byId(parsed, 'brain-slices');
    expect(byTag(section, 'image')).toHaveLength(9);
    expect(text(section)).toContain('the bundled template was not found');
    expect(byTag(byId(parsed, 'methods'), 'li').map((li) => text(li)).some((r) => r.startsWith('Holmes CJ'))).toBe(false);
  });
});
