import * as tf from '@tensorflow/tfjs-core';
import { firstLine } from './loader.js';

/**
 * Makes a registered TF.js backend the active one. TF.js reports a failed initialisation
 * only through console.warn and a `false`; the warning is captured so the report can say why.
 */
export async function activateBackend(tfName: string): Promise<{ ok: true } | { ok: false; why: string }> {
  if (!tf.findBackendFactory(tfName)) return { ok: false, why: `no "${tfName}" backend registered with this copy of @tensorflow/tfjs-core (a second copy of another version?)` };
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    if (await tf.setBackend(tfName)) return { ok: true };
  } catch (err) {
    return { ok: false, why: `failed to initialise: ${firstLine(err)}` };
  } finally {
    console.warn = warn;
  }
  const detail = warnings.find((w) => !w.startsWith('Initialization of backend'));
  return { ok: false, why: `failed to initialise${detail ? `: ${firstLine(detail)}` : ''}` };
}
