import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../model/backend/errors.js';
import { registerGradients } from '../model/backend/gradients.js';
import { BACKEND_PACKAGES } from '../model/backend/select.js';
import { TF_BACKEND, type BackendName } from '../model/backend/types.js';
import { explainInput, type ExplainRequest } from '../saliency/explain-run.js';
import type { StoredSaliency } from '../saliency/store.js';
import type { RunControl } from '../saliency/types.js';
import { openRunInput, type RunInput } from './run-input.js';

/**
 * Saliency maps for a finished run's best model on its test (or all) samples, with what the
 * model predicted for each: the result `writeSaliencyResult` stores. `backend` is the backend
 * the maps are computed on and recorded with: the pure-JS cpu needs no preparation, any other
 * must be the active one (selectBackend), else a BackendError says so — never a silent
 * dependency, nor a record naming another backend than the one used. With `firstSamples`, only that many of the chosen samples are explained (the paper's TSR
 * columns). The run's model is disposed before returning.
 */
export async function explainRun(request: ExplainRequest, control: RunControl, backend: BackendName, options: { firstSamples?: number } = {}): Promise<StoredSaliency> {
  await ensureBackend(backend);
  const input = await openRunInput(request.runDir, request.samples);
  try {
    const chosen = options.firstSamples === undefined ? input : firstSamples(input, options.firstSamples);
    return await explainInput(chosen, request, control, backend);
  } finally {
    input.model.dispose();
  }
}

/** The run input reduced to its first `n` samples (all of them when it has no more). */
export function firstSamples(input: RunInput, n: number): RunInput {
  if (n >= input.indices.length) return input;
  const cells = input.samples.time * input.samples.features;
  return { ...input, indices: input.indices.slice(0, n), labels: input.labels.slice(0, n), samples: { ...input.samples, samples: n, data: input.samples.data.slice(0, n * cells) } };
}

/**
 * Registers TF.js's gradients (which also registers the pure-JS cpu backend, TF.js's default
 * when none was selected), then checks that `backend` is the one active.
 */
async function ensureBackend(backend: BackendName): Promise<void> {
  await registerGradients();
  // ready() initialises the best registered backend when none is active yet (getBackend alone would not).
  await tf.ready();
  const active = tf.getBackend();
  if (active !== TF_BACKEND[backend]) {
    throw new BackendError('BACKEND_NOT_ACTIVE', BACKEND_PACKAGES[backend], 'active TF.js backend', active, `${TF_BACKEND[backend]}, the TF.js backend of ${backend} (select it first: selectBackend or --backend)`);
  }
}
