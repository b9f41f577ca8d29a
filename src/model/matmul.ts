import * as tf from '@tensorflow/tfjs-core';

type Arg = tf.Tensor | tf.GradSaveFunc;

/**
 * a·b for matrices, with a backward pass made of plain products of materialised transposes.
 * The wasm backend runs XNNPACK only for an untransposed 2-D matMul; the transposed products
 * of the ordinary gradient fall back to a naive loop, which dominated training steps there.
 */
export const matMul = tf.customGrad((...args: Arg[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** x with no gradient flowing back: for shifts that cancel mathematically (softmax maxima). */
export const stopGradient = tf.customGrad((...args: Arg[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
}) as <T extends tf.Tensor>(x: T) => T;
