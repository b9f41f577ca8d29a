import * as tf from '@tensorflow/tfjs-core';
import type { NamedWeights } from '../model/types.js';

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** The whole optimizer state: step count and both moments by variable name (`name/m`, `name/v`). */
export interface AdamState {
  step: number;
  moments: NamedWeights;
}

/**
 * Adam written out as PyTorch's torch.optim.Adam computes it (bias corrections in float64 on
 * the host, ε added to √v̂), rather than TF.js's optimizer: its state is plain named tensors,
 * so a checkpoint can save and restore it exactly, and a resumed run continues bit for bit.
 * Moments are allocated up front so the live-tensor count is flat from the first step.
 */
export class Adam {
  private step = 0;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(private readonly params: ReadonlyMap<string, tf.Variable>, private readonly settings: AdamSettings) {
    for (const [name, p] of params) {
      // tidy disposes the zeros a variable is made from, not the variable itself.
      this.m.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
      this.v.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    }
  }

  /** One update from gradients by variable name; variables without a gradient are left alone. */
  apply(grads: ReadonlyMap<string, tf.Tensor>): void {
    const { learningRate, beta1, beta2, epsilon } = this.settings;
    this.step++;
    const stepSize = learningRate / (1 - beta1 ** this.step);
    const sqrtCorrection2 = Math.sqrt(1 - beta2 ** this.step);
    tf.tidy(() => {
      for (const [name, p] of this.params) {
        const g = grads.get(name);
        if (!g) continue;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const denom = tf.add(tf.div(tf.sqrt(v), sqrtCorrection2), epsilon);
        p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
      }
    });
  }

  async getState(): Promise<AdamState> {
    const moments: NamedWeights = {};
    // Read asynchronously: GPU backends (webgpu) cannot read synchronously in Node.
    for (const [name, m] of this.m) moments[`${name}/m`] = { shape: m.shape.slice(), values: Float32Array.from(await m.data()) };
    for (const [name, v] of this.v) moments[`${name}/v`] = { shape: v.shape.slice(), values: Float32Array.from(await v.data()) };
    return { step: this.step, moments };
  }

  /** Restores a state saved by getState; every moment must be present with its variable's shape. */
  setState(state: AdamState): void {
    for (const [suffix, store] of [['m', this.m], ['v', this.v]] as const) {
      for (const [name, variable] of store) {
        const saved = state.moments[`${name}/${suffix}`];
        if (!saved || saved.shape.join() !== variable.shape.join()) {
          throw new Error(`optimizer state lacks ${name}/${suffix} of shape [${variable.shape.join(', ')}]`);
        }
        tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape)));
      }
    }
    this.step = state.step;
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}
