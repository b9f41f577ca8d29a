import type * as tf from '@tensorflow/tfjs-core';

/** The recurrent cells, attention modes and variants a model may have: the one list of each. */
export const CELL_KINDS = ['lstm', 'gru', 'rnn'] as const;
export const ATTENTION_KINDS = ['none', 'input-cell'] as const;
/** `mean`: the official code (M_t averaged over the r hops, N inputs); `matrix`: M_t flattened (r·N inputs). */
export const ATTENTION_VARIANTS = ['mean', 'matrix'] as const;

export type CellKind = (typeof CELL_KINDS)[number];
export type AttentionKind = (typeof ATTENTION_KINDS)[number];
export type AttentionVariant = (typeof ATTENTION_VARIANTS)[number];

/** Everything needed to rebuild a model; stored with every checkpoint. */
export interface ModelConfig {
  cell: CellKind;
  attention: AttentionKind;
  variant: AttentionVariant;
  /** Time steps are free; the number of features (brain regions) is fixed. */
  inputSize: number;
  hidden: number;
  classes: number;
  /** d_a: width of the attention MLP. */
  attentionDim: number;
  /** r: number of attention hops. */
  hops: number;
  inputDropout: number;
  hiddenDropout: number;
}

/** The model settings a user chooses; inputSize and classes come from the dataset. */
export type ModelSpec = Omit<ModelConfig, 'inputSize' | 'classes'>;

/** Defaults of the official code (Ismail et al. 2019); hidden 5 is their synthetic-data size. */
export const DEFAULT_MODEL_CONFIG: ModelSpec = {
  cell: 'lstm',
  attention: 'none',
  variant: 'mean',
  hidden: 5,
  attentionDim: 50,
  hops: 20,
  inputDropout: 0.1,
  hiddenDropout: 0.1,
};

/** Named float32 weights, the unit of checkpoints and of weight transfer between threads. */
export type NamedWeights = Record<string, { shape: number[]; values: Float32Array }>;

/** A recurrent sequence classifier over inputs shaped [batch, time, features]. */
export interface SequenceClassifier {
  readonly config: ModelConfig;
  /**
   * Logits [batch, classes]; dropout is active only when `training`, which also takes x as data:
   * its own gradient may then come back as zeros (saliency calls with `training` false). Call inside tf.tidy.
   */
  logits(x: tf.Tensor3D, training: boolean): tf.Tensor2D;
  /** Trainable variables by stable name (optimizer and checkpoint order). */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  getWeights(): NamedWeights;
  /** Replaces every weight; names and shapes must match exactly. */
  setWeights(weights: NamedWeights): void;
  dispose(): void;
}
