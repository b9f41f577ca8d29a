import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { main } from '../../src/cli/main.js';
import { readModelDir, writeModelDir } from '../../src/jobs/model-dir.js';
import type { Provenance } from '../../src/report/context.js';
import { ReportError } from '../../src/report/errors.js';
import { exportReport } from '../../src/report/export.js';
import { openReportInputs } from '../../src/report/inputs.js';
import { explainRun } from '../../src/jobs/explain-run.js';
import { writeSaliencyResult } from '../../src/saliency/store.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';
import { writeKnownRun } from './helpers/known-run.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fileSha = async (file: string) => sha256(await readFile(file));

/** Saves the run's best model again with every weight nudged: what retraining into the same folder leaves. */
async function retrainBest(runDir: string): Promise<void> {
  const best = path.join(runDir, 'best');
  const saved = await readModelDir(best);
  const weights = Object.fromEntries(Object.entries(saved.weights).map(([k, w]) => [k, { shape: w.shape, values: w.values.map((v) => v + 0.25) }]));
  await writeModelDir(best, { ...saved, weights });
}

async function cliReport(args: string[]) {
  const io = captureIO();
  const code = await main(['report', ...args], io);
  return { code, err: io.stderr() };
}

describe('a report vouches only for the weights its saliency was computed from', () => {
  it('records the best model\'s hashes in saliency.json, and provenance lists the same, for a real trained run', async () => {
    const run = await tinyRun();
    const stored = await explainRun({ runDir: run.runDir, method: 'grad', samples: 'test', target: 'true', options: {} }, { batchSize: 20 }, 'cpu');
    await writeSaliencyResult(defaultReportSaliencyDir(run.runDir), stored);
    const modelJson = path.join(run.runDir, 'best', 'model.json');
    const weightsBin = path.join(run.runDir, 'best', 'weights.bin');
    const json = JSON.parse(await readFile(path.join(defaultReportSaliencyDir(run.runDir), 'saliency.json'), 'utf8'));
    expect(json.model).toEqual({ sha256: await fileSha(modelJson), weightsSha256: await fileSha(weightsBin) });

    const out = path.join(run.root, 'report');
    await exportReport({ runDir: run.runDir, saliencyDir: defaultReportSaliencyDir(run.runDir), out, formats: ['json'] });
    const provenance: Provenance = JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8'));
    const model = provenance.files.filter((f) => f.role.startsWith('model'));
    expect(model).toEqual([
      { role: 'model', path: modelJson, bytes: (await stat(modelJson)).size, sha256: json.model.sha256 },
      { role: 'model weights', path: weightsBin, bytes: (await stat(weightsBin)).size, sha256: json.model.weightsSha256 },
    ]);

    await retrainBest(run.runDir);
    const e: ReportError = await exportReport({ runDir: run.runDir, saliencyDir: defaultReportSaliencyDir(run.runDir), out: path.join(run.root, 'report2'), formats: ['json'] }).then(() => null, (err) => err);
    expect(e).toBeInstanceOf(ReportError);
    expect([e.code, e.field, e.value]).toEqual(['REPORT_MODEL_MISMATCH', 'model.sha256', json.model.sha256]);
    expect(e.message).toContain(`expected ${await fileSha(modelJson)}, the SHA-256 of ${modelJson} now (this saliency was computed from other weights than the run's best model`);
    await expect(stat(path.join(run.root, 'report2'))).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it('refuses a report whose best weights.bin was truncated or swapped, naming the file and both values', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root);
    const weightsBin = path.join(runDir, 'best', 'weights.bin');
    const original = await readFile(weightsBin);
    const out = path.join(root, 'report');

    await writeFile(weightsBin, original.subarray(0, 4));
    const truncated = await cliReport(['--run', runDir, '--out', out, '--formats', 'json']);
    expect(truncated.code).toBe(1);
    expect(truncated.err).toContain(`error: ${weightsBin}: size = 4; expected ${original.length} bytes, the weights this model.json was saved with`);

    const swapped = Buffer.from(original).reverse();
    await writeFile(weightsBin, swapped);
    const other = await cliReport(['--run', runDir, '--out', out, '--formats', 'json']);
    expect(other.code).toBe(1);
    expect(other.err).toContain(`error: ${weightsBin}: sha256 = "${sha256(swapped)}"; expected ${sha256(original)}, the weights this model.json was saved with (the file was truncated or replaced; retrain or restore it)`);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a saliency result saved without the model it came from, saying to recompute it', async () => {
    const { runDir, saliencyDir } = await writeKnownRun(await tempDir());
    const file = path.join(saliencyDir, 'saliency.json');
    const { model: _model, ...older } = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify(older));
    const e = await openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) }).then(() => null, (err) => err);
    expect([e?.code, e?.field]).toEqual(['SALIENCY_FILE', 'model']);
    expect(e.message).toContain(`recompute it with \`saliency-studio saliency --run ${runDir}\``);
  });
});
