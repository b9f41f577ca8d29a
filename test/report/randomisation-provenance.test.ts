import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { exportReport } from '../../src/report/export.js';
import type { StoredRandomisation } from '../../src/saliency/randomisation-result.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from './helpers/known-run.js';

const CHECK: StoredRandomisation = {
  mode: 'independent', init: 'model', seed: 0, threshold: 0.5, verdict: 'fails',
  stages: [{ layers: ['head', 'cell'], spearman: [0.875, 0.625], mean: 0.75, sd: 0.125, meanAbs: 0.75 }],
};

async function exported(withCheck: boolean): Promise<{ provenance: { saliency: Record<string, unknown> }; page: string }> {
  const run = await writeKnownRun(await suiteTempDir());
  const saliencyDir = defaultReportSaliencyDir(run.runDir);
  if (withCheck) {
    const file = path.join(saliencyDir, 'saliency.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), randomisation: CHECK }));
  }
  const out = path.join(run.root, 'report');
  await exportReport({ runDir: run.runDir, saliencyDir, out, formats: ['json', 'html'] });
  return { provenance: JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8')), page: await readFile(path.join(out, 'report.html'), 'utf8') };
}

describe('report export with a stored randomisation check', () => {
  it('copies the check into provenance.json and gives its verdict in report.html', async () => {
    const { provenance, page } = await exported(true);
    expect(provenance.saliency.randomisation).toEqual(CHECK);
    expect(page).toContain('These maps fail the randomisation check (mean |ρ| = 0.75');
  });

  it('leaves provenance.json without one and says in report.html that it was not run, when the result has none', async () => {
    const { provenance, page } = await exported(false);
    expect(provenance.saliency).not.toHaveProperty('randomisation');
    expect(page).toContain('Not run for these maps');
  });
});
