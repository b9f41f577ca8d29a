/** A compute backend, fastest first: TensorFlow with CUDA, WebGPU (Dawn), native TensorFlow, WebAssembly, pure JS. */
export type BackendName = 'node-gpu' | 'webgpu' | 'node' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['node-gpu', 'webgpu', 'node', 'wasm', 'cpu'];

/** What the user asks for: `auto` picks the fastest that works. */
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...BACKEND_NAMES];

/**
 * How `auto` decided, given a model to measure: timed on the model itself; a timing of this
 * machine, model shape and packages stored earlier (see timing-cache.ts); or, the model failing
 * on every backend, the first that works. Absent for a backend asked for by name, and for `auto`
 * with no model (the first that works, as its reason says).
 */
export const CHOSEN_BY = ['measured', 'cached', 'ladder'] as const;
export type ChosenBy = (typeof CHOSEN_BY)[number];

/** One backend's time for one training step of the model being trained (`auto` with a probe). */
export interface BackendTiming {
  name: BackendName;
  /** The best of the timed steps, in ms; null when timing stopped after the warm-up, already far slower than the best so far. */
  msPerStep: number | null;
  /** The first step, model building included (shader compiles, wasm start-up): not the steady pace. */
  warmupMs: number;
}

/** Which backend was chosen and why each faster one was not. */
export interface BackendReport {
  backend: BackendName;
  requested: BackendChoice;
  /** The TF.js backend name now active (`tensorflow`, `webgpu`, `wasm`, `cpu`). */
  tfBackend: string;
  reason: string;
  skipped: { name: BackendName; why: string }[];
  chosenBy?: ChosenBy;
  /** The timings the choice was made from (measured or cached), fastest rung of the ladder first. */
  timings?: BackendTiming[];
  /** When the timings were measured (ISO 8601), for a cached choice. */
  measuredAt?: string;
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
