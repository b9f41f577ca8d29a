import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir, saliencyResultDir, workspacePath } from '../../src/app/layout.js';
import { createWorkspace, openWorkspace } from '../../src/app/workspace.js';
import { listWorkspace, type WorkspaceListing } from '../../src/app/workspace-list.js';
import { explainRun } from '../../src/jobs/explain-run.js';
import { runTraining } from '../../src/jobs/engine.js';
import { openRun } from '../../src/jobs/run-setup.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/jobs/types.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';
import { subsetSynth } from '../../src/paper/subset.js';
import { exportReport } from '../../src/report/index.js';
import { writeSaliencyResult } from '../../src/saliency/store.js';
import { generateSynth, writeSynth } from '../../src/synth/index.js';
import { suiteTempDir } from '../helpers/temp-tree.js';

/** A workspace with one synthetic dataset, one tiny finished run, its gradient saliency and a report. */
async function buildWorkspace(root: string): Promise<string> {
  const ws = await createWorkspace(root);
  const dataDir = workspacePath(ws.root, 'datasets', 'earlier');
  await writeSynth(dataDir, subsetSynth(generateSynth('earlier', 3), 40, 12));
  const runDir = workspacePath(ws.root, 'runs', 'lstm-ica');
  await runTraining({
    runDir, dataDir, backend: 'cpu',
    model: { ...DEFAULT_MODEL_CONFIG, attention: 'input-cell', hidden: 4, hops: 2, attentionDim: 4 },
    training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 2, batchSize: 20, learningRate: 0.01 },
  }, {}, { selectBackend: () => selectBackend('cpu') });
  const stored = await explainRun({ runDir, method: 'grad', samples: 'test', target: 'true', options: {} }, { batchSize: 64 }, 'cpu');
  await writeSaliencyResult(saliencyResultDir(runDir, 'grad'), stored);
  await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out: workspacePath(ws.root, 'reports', 'lstm-ica'), formats: ['tsv', 'json'] });
  return ws.root;
}

let root: string;
let first: WorkspaceListing;
beforeAll(async () => {
  root = await buildWorkspace(path.join(await suiteTempDir(), 'ws'));
  first = await listWorkspace(await openWorkspace(root));
}, 120_000);

/** Reports of a run of the workspace at `ws`, regenerated into `out`: its region table. */
async function regenerate(ws: string, out: string): Promise<string> {
  const runDir = workspacePath(ws, 'runs', 'lstm-ica');
  await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv'] });
  return readFile(path.join(out, 'regions.tsv'), 'utf8');
}

describe('a workspace', () => {
  it('lists its datasets, runs with their settings and metrics, results per run and reports, by relative paths', async () => {
    expect(first.datasets).toEqual([{ name: 'earlier', path: 'datasets/earlier', classes: ['-1', '+1'], regions: 100, samples: 52, atlas: null }]);
    expect(first.runs).toHaveLength(1);
    const run = first.runs[0];
    expect(run).toMatchObject({ name: 'lstm-ica', path: 'runs/lstm-ica', dataset: 'datasets/earlier', status: 'finished', epochs: 2, backend: 'cpu' });
    expect(run.model).toMatchObject({ cell: 'lstm', attention: 'input-cell', hidden: 4 });
    expect(run.training).toMatchObject({ epochs: 2, batchSize: 20, learningRate: 0.01 });
    expect(run.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(run.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(run.problem).toBeUndefined();
    expect(run.results).toEqual([{ name: 'grad', path: 'runs/lstm-ica/saliency/grad', method: 'grad', tsr: false, samples: 12 }]);
    expect(first.reports).toEqual([{ name: 'lstm-ica', path: 'reports/lstm-ica', files: ['provenance.json', 'region_by_time.tsv', 'regions.tsv'] }]);
    // Nothing stored inside names the folder the workspace was made in.
    for (const file of ['runs/lstm-ica/config.json', 'runs/lstm-ica/summary.json', 'runs/lstm-ica/saliency/grad/saliency.json', 'datasets/earlier/dataset.json']) {
      expect(await readFile(path.join(root, file), 'utf8'), file).not.toContain(root);
    }
  });

  it('still opens, lists the same, resumes and regenerates the same report once moved, and once copied', async () => {
    const table = await regenerate(root, path.join(root, '..', 'report-before'));
    const renamed = path.join(await suiteTempDir(), 'moved-ws');
    await rename(root, renamed);
    const copied = path.join(await suiteTempDir(), 'copied-ws');
    await cp(renamed, copied, { recursive: true });
    for (const ws of [renamed, copied]) {
      expect(await listWorkspace(await openWorkspace(ws))).toEqual(first);
      const resumed = await openRun({ runDir: workspacePath(ws, 'runs', 'lstm-ica'), resume: true });
      expect(resumed.dataDir).toBe(workspacePath(ws, 'datasets', 'earlier'));
      expect(resumed.finished?.dataset).toBe(workspacePath(ws, 'datasets', 'earlier'));
      expect(await regenerate(ws, path.join(ws, 'reports', 'again'))).toBe(table);
    }
    root = copied;
  });

  it('lists a run that has not finished as stopped, with its settings', async () => {
    const stopped = workspacePath(root, 'runs', 'stopped');
    await cp(path.join(workspacePath(root, 'runs', 'lstm-ica'), 'config.json'), path.join(stopped, 'config.json'), { recursive: true });
    const [, run] = (await listWorkspace(await openWorkspace(root))).runs;
    expect(run).toMatchObject({ name: 'stopped', path: 'runs/stopped', status: 'stopped', dataset: 'datasets/earlier', backend: 'cpu', results: [] });
    expect(run.model).toEqual(first.runs[0].model);
    expect(run.testAccuracy).toBeUndefined();
  });

  it('lists a damaged entry with its problem, and every other entry as before', async () => {
    await writeFile(path.join(root, 'runs', 'lstm-ica', 'summary.json'), '{"format": "saliency-studio-run-summary"');
    await writeFile(path.join(root, 'datasets', 'broken'), '');
    await cp(path.join(root, 'datasets', 'earlier'), path.join(root, 'datasets', 'bad'), { recursive: true });
    await writeFile(path.join(root, 'datasets', 'bad', 'dataset.json'), '{}');
    const listing = await listWorkspace(await openWorkspace(root));
    expect(listing.datasets.map((d) => d.name)).toEqual(['bad', 'earlier']);
    expect(listing.datasets[0].problem).toMatch(/dataset\.json/);
    expect(listing.datasets[1]).toEqual(first.datasets[0]);
    expect(listing.runs[0].problem).toMatch(/summary\.json/);
    expect(listing.runs[0].results).toEqual(first.runs[0].results);
  });

  it('refuses a folder that is not a workspace, naming workspace.json', async () => {
    await expect(openWorkspace(path.join(root, 'runs'))).rejects.toMatchObject({ code: 'WORKSPACE_MISSING', file: path.join(root, 'runs', 'workspace.json') });
  });
});
