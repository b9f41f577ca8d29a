import path from 'node:path';
import { generateSynth, writeSynth, type SynthDataset, type SynthKind } from '../synth/index.js';
import { throwIfCancelled } from '../util/cancel.js';
import { phaseReporter, type OperationContext } from './context.js';

/** Which synthetic dataset, where; the seed defaults to SYNTH_DEFAULTS.seed. */
export interface WriteSynthOptions {
  name: SynthKind;
  /** The dataset folder written: dataset.json, dataset.f32, mask.u8, synth.json. */
  out: string;
  /** Seed of the values, labels and boxes: the same seed writes the same files. */
  seed?: number;
}

/** The one place the synth step's defaults live. */
export const SYNTH_DEFAULTS = { seed: 0 } as const satisfies Required<Pick<WriteSynthOptions, 'seed'>>;

export interface WriteSynthResult {
  /** The folder written, absolute. */
  out: string;
  /** What was written: the dataset, its masks and description (`info`). */
  synth: SynthDataset;
}

/**
 * Generates one of the synthetic datasets of Ismail et al. 2019 and writes it to `out` in the
 * format `train` reads. Progress: phase `generate` (samples done of all), then `write` (0, then
 * 1 of 1). Cancelled through `ctx.signal` (checked before generating and before writing: the
 * generation itself does not stop half-way), it throws Cancelled and writes nothing.
 */
export async function writeSynthDataset(options: WriteSynthOptions, ctx: OperationContext = {}): Promise<WriteSynthResult> {
  const seed = options.seed ?? SYNTH_DEFAULTS.seed;
  throwIfCancelled(ctx.signal);
  const synth = generateSynth(options.name, seed, phaseReporter(ctx, 'generate', options.name));
  throwIfCancelled(ctx.signal);
  const write = phaseReporter(ctx, 'write', options.name);
  write(0, 1);
  await writeSynth(options.out, synth);
  write(1, 1);
  return { out: path.resolve(options.out), synth };
}
