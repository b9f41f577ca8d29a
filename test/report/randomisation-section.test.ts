import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportContext } from '../../src/report/context.js';
import { reportHtml } from '../../src/report/html/index.js';
import type { StoredRandomisation } from '../../src/saliency/randomisation.js';
import { attr, bodyRows, byId, byTag, parseHtml, text } from './html/dom.js';
import { fixtureContext } from './html/fixture.js';

const CHECK: StoredRandomisation = {
  mode: 'cascading', init: 'model', seed: 4, threshold: 0.5, verdict: 'fails',
  stages: [
    { layers: ['head'], spearman: [0.9, 0.8, null], mean: 0.85, sd: 0.05, meanAbs: 0.85 },
    { layers: ['head', 'cell'], spearman: [0.7, 0.5, null], mean: 0.6, sd: 0.1, meanAbs: 0.6 },
  ],
};

let base: ReportContext;
const withCheck = (r: StoredRandomisation | undefined): ReportContext => ({ ...base, saliency: { ...base.saliency, index: { ...base.saliency.index, ...(r ? { randomisation: r } : {}) } } });

beforeAll(async () => {
  base = await fixtureContext();
});

describe('report randomisation section', () => {
  it('tabulates each stage and gives the verdict when the check was stored', () => {
    const doc = parseHtml(reportHtml(withCheck(CHECK), null));
    expect(bodyRows(byId(doc, 'randomisation-stages'))).toEqual([
      ['head', '0.85', '0.05', '0.85', '2 / 3'],
      ['head + cell', '0.60', '0.10', '0.60', '2 / 3'],
    ]);
    const verdict = text(byId(doc, 'randomisation-verdict'));
    expect(verdict).toContain('fail the randomisation check');
    expect(verdict).toContain('mean |ρ| = 0.60');
    expect(byTag(byTag(doc, 'nav')[0], 'a').map((a) => attr(a, 'href'))).toContain('#randomisation');
  });

  it('says that the maps passed when the correlation fell below the threshold', () => {
    const passed: StoredRandomisation = { ...CHECK, verdict: 'passes', stages: [{ layers: ['head', 'cell'], spearman: [0.1, -0.2], mean: -0.05, sd: 0.15, meanAbs: 0.15 }] };
    expect(text(byId(parseHtml(reportHtml(withCheck(passed), null)), 'randomisation-verdict'))).toContain('pass the randomisation check (mean |ρ| = 0.15');
  });

  it('says the check was not run when the result has none', () => {
    const doc = parseHtml(reportHtml(withCheck(undefined), null));
    expect(text(byId(doc, 'randomisation-verdict'))).toContain('Not run for these maps');
    expect(() => byId(doc, 'randomisation-stages')).toThrow();
  });
});
