import { createRng } from '../util/rng.js';
import { namedSeed } from '../util/seeds.js';

/** How a weight starts: Xavier-uniform matrices and zero biases, as the official code. */
export type Initializer = 'glorot' | 'zeros';

/** A trainable weight's stable name, shape and initializer. */
export interface WeightSpec {
  name: string;
  shape: number[];
  init: Initializer;
}

/**
 * Initial values of one weight. Each weight draws from its own stream, seeded by the model
 * seed and the weight's name, so adding or reordering weights never changes the others.
 * Glorot/Xavier-uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)), fans being the matrix's
 * two dimensions (for fused gate kernels, the whole [in, gates·hidden] matrix, as PyTorch's
 * xavier_uniform_ on its fused [gates·hidden, in] weight).
 */
export function initialValues(spec: WeightSpec, seed: number): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  if (spec.init === 'zeros') return out;
  if (spec.shape.length !== 2) throw new Error(`glorot init needs a matrix, got shape [${spec.shape}] for ${spec.name}`);
  const [fanIn, fanOut] = spec.shape;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const rng = createRng(namedSeed(seed, spec.name));
  for (let i = 0; i < size; i++) out[i] = (2 * rng() - 1) * limit;
  return out;
}
