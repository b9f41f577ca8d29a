import * as tf from '@tensorflow/tfjs-core';

/**
 * Softmax cross-entropy weighted per sample, reduced as PyTorch's CrossEntropyLoss(weight)
 * does: Σ w_i·CE_i / Σ w_i. The true class is picked by a product with a one-hot matrix, not
 * a gather, because the wasm backend cannot back-propagate through gather.
 */
export function weightedCrossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const ce = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot), 1));
    return tf.div(tf.sum(tf.mul(ce, weights)), tf.sum(weights));
  });
}
