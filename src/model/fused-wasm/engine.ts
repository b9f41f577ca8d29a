import { recurrenceModule, wasmUnavailableReason } from './module.js';
import { createThreads, defaultThreadCount, type Threads } from './threads.js';

let threads: Threads | null = null;
let wanted: number | null = null;

/** How many threads the wasm sweeps use: a number, or null for the default (defaultThreadCount). */
export function setWasmThreads(count: number | null): void {
  wanted = count;
  threads?.close();
  threads = null;
}

/** The threads the sweeps run on, started at first use; null where recurrence.wasm cannot run here. */
export function wasmThreads(): Threads | null {
  if (threads) return threads;
  const module = recurrenceModule();
  if (!module) return null;
  threads = createThreads(module, wanted ?? defaultThreadCount());
  return threads;
}

/** Why the wasm sweeps are not used here ('' when they are). */
export function wasmSweepsUnavailable(): string {
  return recurrenceModule() ? '' : `recurrence.wasm could not be loaded: ${wasmUnavailableReason()}`;
}
