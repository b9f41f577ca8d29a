/** A compute backend, fastest first: TensorFlow with CUDA, WebGPU (Dawn), native TensorFlow, WebAssembly, pure JS. */
export type BackendName = 'node-gpu' | 'webgpu' | 'node' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['node-gpu', 'webgpu', 'node', 'wasm', 'cpu'];

/** What the user asks for: `auto` picks the fastest that works. */
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...BACKEND_NAMES];

/** Which backend was chosen and why each faster one was not. */
export interface BackendReport {
  backend: BackendName;
  requested: BackendChoice;
  /** The TF.js backend name now active (`tensorflow`, `webgpu`, `wasm`, `cpu`). */
  tfBackend: string;
  reason: string;
  skipped: { name: BackendName; why: string }[];
}

/** Outcome of loading an optional package: a missing one is an ordinary fall-back. */
export type LoadResult =
  | { status: 'loaded'; module: unknown }
  | { status: 'missing' }
  | { status: 'failed'; message: string };

/** Loads a package by name; injectable so tests can fake installed, broken or absent packages. */
export type PackageLoader = (name: string) => Promise<LoadResult>;

/** The TF.js backend each of ours runs on (BackendReport.tfBackend once selected). */
export const TF_BACKEND: Record<BackendName, string> = { 'node-gpu': 'tensorflow', webgpu: 'webgpu', node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };
