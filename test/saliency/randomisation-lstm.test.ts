import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../src/app/explain.js';
import { main } from '../../src/cli/main.js';
import { readSaliencyResult } from '../../src/saliency/store.js';
import { captureIO } from '../helpers/capture-io.js';
import { openRunInput, type RunInput } from '../../src/jobs/run-input.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { computeSaliency } from '../../src/saliency/methods/index.js';
import { randomisableClassifier } from '../../src/saliency/randomisation-model.js';
import { randomisationCheck, RANDOMISATION_FAIL_THRESHOLD } from '../../src/saliency/randomisation.js';
import { tinyRun } from './helpers/tiny-run.js';

await selectBackend('cpu');

// The check on a real (tiny) trained model: an LSTM with input-cell attention, its plain gradient.
let input: RunInput;
let run: Awaited<ReturnType<typeof tinyRun>>;

beforeAll(async () => {
  run = await tinyRun();
  input = await openRunInput(run.runDir, 'test');
}, 90_000);

afterAll(() => input?.model.dispose());

describe('randomisableClassifier', () => {
  it('groups the weights input to head and re-initialises them with the model\'s own initialisers', () => {
    const m = randomisableClassifier(input.model);
    expect(m.layers.map((l) => l.name)).toEqual(['attention', 'cell', 'head']);
    expect(m.layers.flatMap((l) => l.weights).sort()).toEqual(Object.keys(input.model.getWeights()).sort());
    // Zero-initialised biases come back as zeros; Glorot matrices stay within ±√(6 / (fanIn + fanOut)).
    expect(Array.from(m.initial('head/bias', 1)).every((v) => v === 0)).toBe(true);
    const [fanIn, fanOut] = m.weights['head/kernel'].shape;
    const kernel = m.initial('head/kernel', 1);
    expect(kernel.every((v) => Math.abs(v) <= Math.sqrt(6 / (fanIn + fanOut)))).toBe(true);
    expect(kernel).not.toEqual(m.weights['head/kernel'].values);
  });
});

describe('randomisationCheck on a trained LSTM', () => {
  it('passes the plain gradient: its maps change as the layers are randomised from the head down', async () => {
    const trained = await computeSaliency('grad', input.probabilities, input.samples, { kind: 'true', labels: input.labels }, {}, { batchSize: 20 });
    const before = input.model.getWeights();
    const r = await randomisationCheck(randomisableClassifier(input.model), { method: 'grad', options: {}, samples: input.samples, targets: trained.targets, trained: trained.maps, mode: 'cascading', seed: 0 }, { batchSize: 20 });
    expect(r.stages.map((s) => s.layers)).toEqual([['head'], ['head', 'cell'], ['head', 'cell', 'attention']]);
    expect(r.stages[2].spearman).toHaveLength(input.indices.length);
    expect(r.stages[2].meanAbs!).toBeLessThan(RANDOMISATION_FAIL_THRESHOLD);
    expect(r.stages[2].meanAbs!).toBeLessThan(r.stages[0].meanAbs!);
    expect(r.verdict).toBe('passes');
    // The trained model is untouched: the check ran on copies.
    expect(input.model.getWeights()['cell/kernel'].values).toEqual(before['cell/kernel'].values);
  }, 60_000);
});

describe('explain with randomisation', () => {
  it('returns and stores the check that randomisationCheck gives on the same maps', async () => {
    const out = path.join(run.root, 'saliency-randomised');
    const result = await explain({ run: run.runDir, backend: 'cpu', batchSize: 7, randomisation: 'independent', out });
    const direct = await randomisationCheck(randomisableClassifier(input.model), { method: 'grad', options: {}, samples: input.samples, targets: Int32Array.from(input.labels), trained: result.maps, mode: 'independent', seed: 0 }, { batchSize: 20 });
    expect(result.randomisation).not.toBeNull();
    expect(result.randomisation!.stages.map((s) => s.layers)).toEqual([['head', 'cell', 'attention']]);
    // Batching never changes the maps beyond float rounding, so the correlations agree closely.
    result.randomisation!.stages[0].spearman.forEach((rho, k) => expect(rho!).toBeCloseTo(direct.stages[0].spearman[k]!, 4));
    expect(result.randomisation!.verdict).toBe(direct.verdict);
    expect((await readSaliencyResult(out)).index.randomisation).toEqual(result.randomisation);
  }, 60_000);

  it('is off by default, and the CLI turns it on with --randomisation and prints the verdict', async () => {
    const plain = await explain({ run: run.runDir, backend: 'cpu', out: path.join(run.root, 'saliency-plain') });
    expect(plain.randomisation).toBeNull();
    expect(plain.index.randomisation).toBeUndefined();
    const io = captureIO();
    const out = path.join(run.root, 'saliency-cli');
    const code = await main(['saliency', '--run', run.runDir, '--backend', 'cpu', '--randomisation', 'cascading', '--out', out], io);
    expect(code, io.stderr()).toBe(0);
    const stored = (await readSaliencyResult(out)).index.randomisation!;
    expect(stored.mode).toBe('cascading');
    expect(stored.stages).toHaveLength(3);
    expect(io.stdout()).toContain('Randomisation check (cascading');
    expect(io.stdout()).toContain(stored.verdict === 'passes' ? 'pass the randomisation check' : 'fail the randomisation check');
  }, 60_000);
});
