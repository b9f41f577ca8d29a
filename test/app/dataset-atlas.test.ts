import { appendFile, copyFile, cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir, saliencyResultDir, workspacePath } from '../../src/app/layout.js';
import { createWorkspace, openWorkspace } from '../../src/app/workspace.js';
import { listWorkspace } from '../../src/app/workspace-list.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import { main } from '../../src/cli/main.js';
import { explainRun } from '../../src/jobs/explain-run.js';
import { runTraining } from '../../src/jobs/engine.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/jobs/types.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';
import { exportReport } from '../../src/report/index.js';
import { writeSaliencyResult } from '../../src/saliency/store.js';
import { readDatasetCache } from '../../src/study/cache.js';
import { sha256File, storeAtlas } from '../../src/study/dataset-atlas.js';
import { captureIO } from '../helpers/capture-io.js';
import { writeRescaledCopy } from '../helpers/rescaled-copy.js';
import { shared } from '../helpers/shared-data.js';
import { suiteTempDir, writeTree } from '../helpers/temp-tree.js';

let ws: string;
let atlas: string;
let runDir: string;

/**
 * A workspace with a BIDS study (3 subjects × rest/motor, each run the shared 24-volume image
 * rescaled), parcellated by `study` with a copy of the AICHA atlas kept in the workspace, and a
 * tiny finished run of it with gradient saliency.
 */
beforeAll(async () => {
  ws = (await createWorkspace(path.join(await suiteTempDir(), 'ws'))).root;
  const bids = workspacePath(ws, 'studies', 'bids');
  for (const [s, sub] of ['01', '02', '03'].entries()) {
    for (const [t, task] of ['rest', 'motor'].entries()) {
      const dir = path.join(bids, `sub-${sub}`, 'func');
      await mkdir(dir, { recursive: true });
      await writeRescaledCopy(shared('parcellation', 'sub-01_task-demo_bold.nii.gz'), path.join(dir, `sub-${sub}_task-${task}_bold.nii.gz`), 1 + (2 * s + t) / 8);
    }
  }
  await writeTree(bids, { 'task-rest_bold.json': '{"RepetitionTime": 2}', 'task-motor_bold.json': '{"RepetitionTime": 2}' });
  await mkdir(path.join(ws, 'atlases'));
  atlas = path.join(ws, 'atlases', 'AICHAmc.nii.gz');
  await copyFile(shared('atlases', 'AICHAmc.nii.gz'), atlas);
  await copyFile(shared('atlases', 'AICHAmc.nii.txt'), path.join(ws, 'atlases', 'AICHAmc.nii.txt'));
  const dataDir = workspacePath(ws, 'datasets', 'aicha');
  const io = captureIO();
  const code = await main(['study', bids, '--atlas', atlas, '--names', path.join(ws, 'atlases', 'AICHAmc.nii.txt'), '--window', '8', '--stride', '8', '--out', dataDir], io);
  expect(code, io.stderr()).toBe(0);
  runDir = workspacePath(ws, 'runs', 'aicha-lstm');
  await runTraining({
    runDir, dataDir, backend: 'cpu', model: { ...DEFAULT_MODEL_CONFIG, hidden: 4 }, training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 1, batchSize: 8 },
  }, {}, { selectBackend: () => selectBackend('cpu') });
  const stored = await explainRun({ runDir, method: 'grad', samples: 'test', target: 'true', options: {} }, { batchSize: 64 }, 'cpu');
  await writeSaliencyResult(saliencyResultDir(runDir, 'grad'), stored);
}, 240_000);

describe('a dataset remembers its atlas', () => {
  it('records the atlas it was parcellated with, relative to the dataset inside the workspace, with its hashes', async () => {
    const json = JSON.parse(await readFile(path.join(workspacePath(ws, 'datasets', 'aicha'), 'dataset.json'), 'utf8'));
    expect(json.atlas).toEqual({
      labels: { path: '../../atlases/AICHAmc.nii.gz', sha256: await sha256File(atlas) },
      names: { path: '../../atlases/AICHAmc.nii.txt', sha256: await sha256File(path.join(ws, 'atlases', 'AICHAmc.nii.txt')) },
      allowUnnamed: false,
    });
    const [listed] = (await listWorkspace(await openWorkspace(ws))).datasets;
    expect(listed.atlas).toEqual({
      labels: { path: 'atlases/AICHAmc.nii.gz', bundled: false, sha256: json.atlas.labels.sha256 },
      names: { path: 'atlases/AICHAmc.nii.txt', bundled: false, sha256: json.atlas.names.sha256 },
      allowUnnamed: false,
    });
  });

  it('gets its NIfTI report on that atlas without --atlas', async () => {
    const out = path.join(ws, 'reports', 'aicha');
    const io = captureIO();
    expect(await main(['report', '--run', runDir, '--out', out], io), io.stderr()).toBe(0);
    expect((await stat(path.join(out, 'region_importance.nii.gz'))).size).toBeGreaterThan(0);
    const provenance = JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8'));
    expect(JSON.stringify(provenance)).toContain('AICHAmc.nii.gz');
    expect(JSON.stringify(provenance)).not.toContain('aal.nii.gz');
  });

  it('refuses a changed atlas file, naming it and the recorded hash', async () => {
    const recorded = await sha256File(atlas);
    await appendFile(atlas, Buffer.from([0]));
    const error = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out: path.join(ws, 'reports', 'changed'), formats: ['tsv', 'nifti'] }).catch((e) => e);
    expect(error).toMatchObject({ code: 'REPORT_ATLAS_CHANGED', file: atlas, field: 'sha256' });
    expect(error.message).toContain(recorded);
    // --atlas still overrides what the dataset recorded.
    const given = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out: path.join(ws, 'reports', 'given'), formats: ['nifti'], atlas: { labels: shared('atlases', 'AICHAmc.nii.gz'), names: shared('atlases', 'AICHAmc.nii.txt') } });
    expect(given.files).toContain('region_importance.nii.gz');
  });

  it('stores a bundled atlas by name, one outside the dataset\'s tree by absolute path', () => {
    const bundled = { path: defaultAtlasPaths().labels, sha256: 'a'.repeat(64), bundled: true };
    const outside = { path: shared('atlases', 'AICHAmc.nii.gz'), sha256: 'b'.repeat(64), bundled: false };
    expect(storeAtlas({ labels: bundled, names: null, allowUnnamed: true }, '/ws/datasets/d', '/ws')).toEqual({ labels: { bundled: 'aal.nii.gz', sha256: 'a'.repeat(64) }, names: null, allowUnnamed: true });
    expect(storeAtlas({ labels: outside, names: null, allowUnnamed: false }, '/ws/datasets/d', '/ws').labels).toEqual({ path: outside.path, sha256: 'b'.repeat(64) });
  });

  it('reads a dataset written before atlases were recorded as none recorded', async () => {
    const older = path.join(ws, 'datasets', 'older');
    await cp(workspacePath(ws, 'datasets', 'aicha'), older, { recursive: true });
    const json = JSON.parse(await readFile(path.join(older, 'dataset.json'), 'utf8'));
    delete json.atlas;
    await writeFile(path.join(older, 'dataset.json'), JSON.stringify(json));
    expect((await readDatasetCache(older)).atlas).toBeNull();
  });
});
