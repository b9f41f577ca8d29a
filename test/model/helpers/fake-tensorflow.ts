import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/** Stands in for tfjs-node: the cpu backend and its kernels under the name "tensorflow". */
export async function useFakeTensorflow(): Promise<void> {
  tf.registerBackend('tensorflow', () => new MathBackendCPU());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'tensorflow' });
  await tf.setBackend('tensorflow');
}

/** Back to cpu, with the stand-in removed (call after each test that used it). */
export async function removeFakeTensorflow(): Promise<void> {
  await tf.setBackend('cpu');
  if (!tf.findBackendFactory('tensorflow')) return;
  for (const k of tf.getKernelsForBackend('tensorflow')) tf.unregisterKernel(k.kernelName, 'tensorflow');
  tf.removeBackend('tensorflow');
}
