import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The wasm sweeps' exports (assembly/cells.ts, assembly/products.ts); pointers are byte addresses. */
export interface RecurrenceExports {
  lstmForward: ForwardSweep;
  lstmBackward: BackwardSweep;
  gruForward: ForwardSweep;
  gruBackward: BackwardSweep;
  rnnForward: ForwardSweep;
  rnnBackward: BackwardSweep;
  gemm(a: number, lda: number, b: number, c: number, m: number, k: number, n: number, accumulate: number): void;
  gemmTN(a: number, lda: number, b: number, ldb: number, c: number, rows: number, m: number, n: number): void;
  /** The end of the module's static data: buffers go above it. */
  heapBase(): number;
}
export type ForwardSweep = (x: number, u: number, bias: number, h: number, s: number, scratch: number, batch: number, time: number, hidden: number) => void;
export type BackwardSweep = (dy: number, uT: number, h: number, s: number, dx: number, dpre: number, dU: number, dbias: number, scratch: number, batch: number, time: number, hidden: number) => void;

/** recurrence.wasm, built from assembly/ by scripts/build-wasm.js and copied beside this module in dist. */
export const RECURRENCE_WASM = new URL('./recurrence.wasm', import.meta.url);

/** 4 GiB, all wasm32 can address: shared memories must declare a maximum, and only reserve it. */
const MAX_PAGES = 65536;

let compiled: WebAssembly.Module | null | undefined;
let failure = '';

/**
 * The compiled module, or null (with `wasmUnavailableReason`) where this runtime lacks
 * WebAssembly SIMD or threads or the file is missing: the JS sweeps then run instead.
 */
export function recurrenceModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = new WebAssembly.Module(readFileSync(RECURRENCE_WASM));
  } catch (err) {
    failure = err instanceof Error ? err.message.split('\n')[0] : String(err);
    compiled = null;
  }
  return compiled;
}

export function wasmUnavailableReason(): string {
  return failure;
}

/** A fresh shared memory (threads instantiate the module over the same one). */
export function newSharedMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
}

/** One instance over `memory`; the same module in every thread. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): RecurrenceExports {
  return new WebAssembly.Instance(module, { env: { memory, abort: () => { throw new Error('recurrence.wasm aborted'); } } }).exports as unknown as RecurrenceExports;
}

/** The first 16 hex digits of recurrence.wasm's SHA-256, or "missing": a new build changes which backend is fastest. */
export function recurrenceWasmDigest(): string {
  try {
    return createHash('sha256').update(readFileSync(RECURRENCE_WASM)).digest('hex').slice(0, 16);
  } catch {
    return 'missing';
  }
}
