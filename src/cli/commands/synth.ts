import { SYNTH_DEFAULTS, writeSynthDataset } from '../../app/synth.js';
import { UsageError } from '../../errors.js';
import { SEED_MAX } from '../../util/seeds.js';
import { formatSynthSummary, SYNTH_KINDS, SYNTH_JSON, SYNTH_MASK, type SynthKind } from '../../synth/index.js';
import { intOption, onePositional, parseCommand, requiredOption } from '../args.js';
import type { CliIO } from '../io.js';
import { phaseBars } from '../progress.js';

export const synthHelp = `Usage: saliency-studio synth <${SYNTH_KINDS.join('|')}> --out <dir> [--seed N]

Writes one of the synthetic datasets of Ismail et al. (NeurIPS 2019), in the format
\`train --data <dir>\` reads: 100 time steps × 100 features of N(0, 1); labels -1/+1 with
equal probability (classes "-1", "+1"); cells inside the sample's box drawn from N(label, 1).
Boxes (time × features, ends exclusive):
  earlier        t0–30 × f10–90                    latter   t70–100 × f10–90
  middle         t20–80 × f20–80
  three-earlier  t0–40 × f0–30, f35–65 and f70–100 (three boxes)
  three-middle   t25–65 × f0–30, f35–65 and f70–100
  mixed          one of t5–65|t35–95 × f5–65|f35–95|f20–80, or t20–80 × f20–80 (8000/1000)
  moving         t0, 10, 20, 30 or 40 (+60) × f20–80
1000 training and 300 test samples unless noted; no validation split (train carves one).

Options:
  --seed N     seed of the values, labels and boxes, 0–${SEED_MAX} (default ${SYNTH_DEFAULTS.seed}); same seed, same
               dataset
  --out <dir>  where dataset.json, dataset.f32, ${SYNTH_MASK} (each sample's ground-truth box
               mask, samples × time × features, uint8) and ${SYNTH_JSON} are written
`;

export async function synthCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('synth', argv, {
    seed: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.help) {
    io.out(synthHelp);
    return 0;
  }
  const kind = datasetKind(onePositional('synth', positionals, '<dataset>'));
  const out = requiredOption('synth', 'out', values.out);
  const seed = intOption('synth', 'seed', values.seed, SYNTH_DEFAULTS.seed, 0, SEED_MAX);

  const bars = phaseBars(({ phase }) => (phase === 'generate' ? 'generating samples' : null), io.err);
  const { synth } = await writeSynthDataset({ name: kind, seed, out }, { onProgress: bars.onProgress }).finally(() => bars.done());
  io.out(formatSynthSummary(synth));
  io.out(`dataset written to ${out}\n`);
  return 0;
}

function datasetKind(name: string): SynthKind {
  if (!(SYNTH_KINDS as readonly string[]).includes(name)) {
    throw new UsageError('CLI_ARGS', 'synth', '<dataset>', name, `one of ${SYNTH_KINDS.join(', ')}`);
  }
  return name as SynthKind;
}
