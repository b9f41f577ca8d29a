import * as tf from '@tensorflow/tfjs-core';
import { namedSeed } from '../util/seeds.js';

/**
 * Dropout whose masks depend only on the model seed and how many masks were drawn before:
 * the same seed, backend and call sequence give the same masks, hence the same trained
 * weights.
 */
export class SeededDropout {
  calls = 0;

  constructor(private seed: number) {}

  /** Starts a new mask sequence from `seed`. */
  reseed(seed: number): void {
    this.seed = seed;
    this.calls = 0;
  }

  /** x with each element zeroed with probability `rate` and the rest scaled by 1/(1 − rate). */
  apply<T extends tf.Tensor>(x: T, rate: number): T {
    if (rate === 0) return x;
    return tf.dropout(x, rate, undefined, namedSeed(this.seed, `dropout/${this.calls++}`)) as T;
  }
}
