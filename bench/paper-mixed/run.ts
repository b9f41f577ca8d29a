// `node dist/bench/paper-mixed/run.js [--out DIR] [--epochs 25] [--seeds 0] [--data-seed 0] [--backend auto] [--models lstm,lstm+input-cell]`
// (after `npx tsc -p tsconfig.json`). Emulates how the official code trained on Mixed: its
// trainer reads the sequence length from the label file's last column, which for Mixed is the
// box Type (1…7), so each model was trained (and its checkpoint chosen) on the hidden state at
// step Type − 1, before any box, and then tested and explained at length 100. Prints the
// table beside the paper's Mixed row; writes results.json and table.md under --out only
// (default: a new temp folder).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SampleTable } from '../../src/jobs/batches.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/jobs/types.js';
import { selectBackend } from '../../src/model/backend/select.js';
import type { BackendChoice } from '../../src/model/backend/types.js';
import { createClassifier } from '../../src/model/classifier.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';
import { PAPER_TRAINING_RULE } from '../../src/paper/training-rule.js';
import { PAPER_MODELS, type PaperModel } from '../../src/paper/table1.js';
import { generateSynth } from '../../src/synth/index.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { UsageError } from '../../src/errors.js';
import { mixedTypes } from './mixed-type.js';
import { readoutPredictions } from './readout.js';
import { gradientScores } from './saliency.js';
import { formatEmulationTable, type EmulationRow } from './table.js';
import { trainWithReadout, type ReadoutTraining } from './train.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    epochs: { type: 'string', default: '25' },
    /** Training seeds (weights, dropout, batch order), one run of each model per seed. */
    seeds: { type: 'string', default: '0' },
    'data-seed': { type: 'string', default: '0' },
    backend: { type: 'string', default: 'auto' },
    models: { type: 'string', default: PAPER_MODELS.join(',') },
  },
});
const int = (name: string, v: string, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError('USAGE', 'bench/paper-mixed', `--${name}`, v, `an integer ≥ ${min}`);
  return n;
};
const epochs = int('epochs', values.epochs, 1);
const seeds = values.seeds.split(',').map((v) => int('seeds', v, 0));
const dataSeed = int('data-seed', values['data-seed'], 0);
const models = values.models.split(',').map((m) => {
  if (!(PAPER_MODELS as readonly string[]).includes(m)) throw new UsageError('USAGE', 'bench/paper-mixed', '--models', m, `a comma list of ${PAPER_MODELS.join(', ')}`);
  return m as PaperModel;
});
const out = path.resolve(values.out ?? mkdtempSync(path.join(tmpdir(), 'paper-mixed-')));

const backend = await selectBackend(values.backend as BackendChoice);
process.stderr.write(`backend ${backend.backend}; out ${out}\n`);
const synth = generateSynth('mixed', dataSeed);
const { dataset } = synth;
const types = mixedTypes(synth.info);
const table: SampleTable = { data: dataset.data, window: dataset.window, features: dataset.regions.length, labels: dataset.samples.map((s) => s.label), classes: dataset.classes.length };
const train = dataset.samples.flatMap((s, i) => (s.split === 'train' ? [i] : []));
const test = dataset.samples.flatMap((s, i) => (s.split === 'test' ? [i] : []));
const full = new Int32Array(dataset.samples.length).fill(dataset.window);
const typeCounts = Array.from({ length: 7 }, (_, k) => test.filter((s) => types[s] === k + 1).length);

const rows: EmulationRow[] = [];
const details: Record<string, unknown>[] = [];
for (const seed of seeds) for (const model of models) {
  const attention = model === 'lstm' ? 'none' : 'input-cell';
  const classifier = createClassifier({ ...DEFAULT_MODEL_CONFIG, cell: 'lstm', attention, inputSize: table.features, classes: table.classes }, seed);
  const rule = {
    epochs, batchSize: DEFAULT_TRAIN_OPTIONS.batchSize, learningRate: DEFAULT_TRAIN_OPTIONS.learningRate,
    evaluateEvery: PAPER_TRAINING_RULE({ attention }).evaluateEveryBatches!, seed,
  };
  const progress = (epoch: number, t: ReadoutTraining) => process.stderr.write(
    `${model} seed ${seed} epoch ${epoch}/${epochs}: train acc (at Type−1) ${(100 * t.trainAccuracy[epoch - 1]).toFixed(1)} %, loss ${t.trainLoss[epoch - 1].toFixed(4)}, best test acc (at Type−1) ${(100 * t.bestAccuracy).toFixed(1)} % at ${t.bestEpoch}/${t.bestBatch}, ${t.seconds.toFixed(0)} s\n`,
  );
  try {
    const accuracy = (p: Int32Array, keep: (s: number) => boolean = () => true) => {
      const kept = test.flatMap((s, b) => (keep(s) ? [b] : []));
      return (100 * kept.filter((b) => p[b] === table.labels[test[b]]).length) / kept.length;
    };
    // The untrained model's 100-step accuracy: what training at Type − 1 starts from.
    const initial = readoutPredictions(classifier, table, test, full, 250);
    // Selection on the test split read out at Type − 1, as the official trainer: it holds no box, so nothing of the test boxes leaks into the choice.
    const training = await trainWithReadout(classifier, table, train, test, types, rule, progress);
    classifier.setWeights(training.best);
    const at100 = readoutPredictions(classifier, table, test, full, 250);
    const atType = readoutPredictions(classifier, table, test, types, 500);
    process.stderr.write(`${model}: saliency on ${test.length} test samples…\n`);
    const scores = await gradientScores(classifier, synth, test, 100);
    const row: EmulationRow = {
      model, seed, accAt100: accuracy(at100), accAtType: accuracy(atType), wjac: scores.wjac, euc: scores.euc,
      bestEpoch: training.bestEpoch, bestBatch: training.bestBatch, epochs: training.epochs, trainSeconds: training.seconds,
    };
    rows.push(row);
    details.push({
      ...row, rule, scores, initialAccAt100: accuracy(initial),
      accAt100ByType: typeCounts.map((n, k) => ({ type: k + 1, samples: n, acc: accuracy(at100, (s) => types[s] === k + 1) })),
      trainAccuracy: training.trainAccuracy, trainLoss: training.trainLoss,
      evaluations: training.evaluations.length, bestAccuracyAtType: training.bestAccuracy,
    });
    await writeFileAtomic(path.join(out, 'results.json'), JSON.stringify({ dataSeed, seeds, epochs, backend: backend.backend, models: details }, null, 2) + '\n');
  } finally {
    classifier.dispose();
  }
}
const markdown = formatEmulationTable(rows);
await writeFileAtomic(path.join(out, 'table.md'), markdown);
process.stdout.write(markdown);
