import * as tf from '@tensorflow/tfjs-core';

let registered: Promise<void> | undefined;

/**
 * Registers TF.js's own gradient functions, needed by anything that trains or takes input
 * gradients. tfjs-core's Node build ships the kernels but not their gradients; the union
 * package @tensorflow/tfjs (whose Node bundle shares our tfjs-core) registers them on import.
 * Gradients registered before this call (custom ones) win. Idempotent.
 */
export function registerGradients(): Promise<void> {
  registered ??= (async () => {
    const registry = (globalThis as { _tfGlobals?: Map<string, unknown> })._tfGlobals?.get('gradRegistry') as Map<string, tf.GradConfig> | undefined;
    const custom = [...(registry?.values() ?? [])];
    await import('@tensorflow/tfjs');
    for (const config of custom) tf.registerGradient(config);
  })();
  return registered;
}
