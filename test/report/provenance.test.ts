import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import type { Provenance } from '../../src/report/context.js';
import { exportReport } from '../../src/report/export.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { CLASSES, TR, writeKnownRun, type KnownRun } from './helpers/known-run.js';

const NOW = new Date('2025-03-04T05:06:07.000Z');
let run: KnownRun;
let provenance: Provenance;

beforeAll(async () => {
  run = await writeKnownRun(await suiteTempDir());
  const out = path.join(run.root, 'report');
  await exportReport({ runDir: run.runDir, saliencyDir: defaultReportSaliencyDir(run.runDir), out, formats: ['json'], now: NOW });
  provenance = JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8'));
});

describe('provenance.json', () => {
  it('lists every input file with the size and SHA-256 that sha256sum gives', async () => {
    const expectedFiles = [
      ['run config', path.join(run.runDir, 'config.json')],
      ['run summary', path.join(run.runDir, 'summary.json')],
      ['training metrics', path.join(run.runDir, 'metrics.jsonl')],
      ['model', path.join(run.runDir, 'best', 'model.json')],
      ['model weights', path.join(run.runDir, 'best', 'weights.bin')],
      ['dataset', path.join(run.dataDir, 'dataset.json')],
      ['dataset values', path.join(run.dataDir, 'dataset.f32')],
      ['saliency', path.join(run.saliencyDir, 'saliency.json')],
      ['saliency maps', path.join(run.saliencyDir, 'saliency.f32')],
      ['atlas labels', defaultAtlasPaths().labels],
      ['atlas names', defaultAtlasPaths().names],
    ];
    expect(provenance.files.map((f) => [f.role, f.path])).toEqual(expectedFiles);
    for (const f of provenance.files) {
      expect(f.sha256).toBe(execFileSync('sha256sum', [f.path], { encoding: 'utf8' }).split(' ')[0]);
      expect(f.bytes).toBe((await stat(f.path)).size);
    }
  });

  it('records the app, date, backends, atlas and study design', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(provenance.app).toEqual({ name: 'saliency-studio', version: pkg.version });
    expect(provenance.createdAt).toBe(NOW.toISOString());
    expect(provenance.backend).toEqual({ training: 'cpu', saliency: 'cpu' });
    expect(provenance.atlas).toEqual({ labels: defaultAtlasPaths().labels, names: defaultAtlasPaths().names, bundled: true, space: 'mni' });
    expect(provenance.design).toEqual({
      classes: CLASSES, tasks: ['motor', 'rest'], labelBy: 'task', window: 2, stride: 2, shiftSeconds: 0, tr: TR, zscored: true,
      splitSeed: 7, trainingSeed: 11, samples: { train: 1, validation: 1, test: 2 }, validationSource: 'carved', subjects: ['s1', 's2'],
    });
  });

  it('records the model, the training summary and the saliency method with its parameters', () => {
    expect(provenance.model).toMatchObject({ cell: 'lstm', hidden: 5, inputSize: 3, classes: 3 });
    expect(provenance.training).toMatchObject({ epochs: 3, maxEpochs: 3, bestEpoch: 2, valAccuracy: 0.5, testAccuracy: 0.5, confusion: [[1, 0, 0], [1, 0, 0], [0, 0, 0]] });
    expect(provenance.training.options.seed).toBe(11);
    expect(provenance.saliency).toEqual({ method: 'grad', params: { target: 'true' }, samplesFrom: 'test', samples: 2, createdAt: '2024-01-02T00:00:00.000Z' });
    expect(provenance.onSteps).toBeNull();
  });
});
