import path from 'node:path';
import { packageRoot } from '../src/assets.js';

/** The built renderer (vite's output), the only folder the app:// scheme serves. */
export function rendererDir(): string {
  return path.join(packageRoot(), 'dist', 'renderer');
}

/** The one-file preload scripts/bundle-preload.js writes (a sandboxed preload can require only electron). */
export function preloadPath(): string {
  return path.join(packageRoot(), 'dist', 'electron', 'preload.cjs');
}
