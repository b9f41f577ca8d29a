import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Arena } from './arena.js';
import { instantiate, newSharedMemory, type RecurrenceExports } from './module.js';

/** Runs one export of recurrence.wasm on several argument lists at once, one per thread, over one shared memory. */
export interface Threads {
  readonly count: number;
  readonly arena: Arena;
  /** Calls `fn` with each argument list, the first on this thread; returns when all are done. */
  run(fn: keyof RecurrenceExports, calls: number[][]): void;
  /** Ends the helper threads. */
  close(): void;
}

/** The exports a call can name, by index: what a thread reads from its task slot. */
const FUNCTIONS: (keyof RecurrenceExports)[] = ['lstmForward', 'lstmBackward', 'gruForward', 'gruBackward', 'rnnForward', 'rnnBackward', 'gemm', 'gemmTN'];

// Control words: [0] generation (bumped per dispatch), [1] calls pending, [2] a thread's error
// flag, [3] helpers started; from SLOT, one slot per helper thread: function index, then its arguments.
const GENERATION = 0;
const PENDING = 1;
const FAILED = 2;
const READY = 3;
/** How long the first dispatch waits for every helper to have started before doing without them. */
const START_TIMEOUT_MS = 30_000;
const SLOT = 16;
const SLOT_SIZE = 16;

/*
 * A helper thread: instantiates the module over the shared memory, then sleeps on the
 * generation word; each new generation it runs its slot's call and counts it done. Plain
 * JavaScript run by `eval`, so the same code serves the TypeScript sources (tests) and dist.
 */
const HELPER = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, index, functions } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('recurrence.wasm aborted'); } } }).exports;
const ctrl = new Int32Array(control);
const slot = ${SLOT} + index * ${SLOT_SIZE};
Atomics.add(ctrl, ${READY}, 1);
Atomics.notify(ctrl, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, ${GENERATION}, seen);
  seen = Atomics.load(ctrl, ${GENERATION});
  try {
    if (ctrl[slot] >= 0) exports[functions[ctrl[slot]]](...Array.from(ctrl.subarray(slot + 2, slot + 2 + ctrl[slot + 1]), (v) => v >>> 0));
  } catch (err) {
    Atomics.store(ctrl, ${FAILED}, 1);
  }
  if (Atomics.sub(ctrl, ${PENDING}, 1) === 1) Atomics.notify(ctrl, ${PENDING});
}
`;

/**
 * `count` threads over one shared memory: this one and count − 1 helpers (worker_threads,
 * unref'd so they never keep a process alive). A call blocks this thread (Atomics.wait) until
 * the helpers finish: TF.js ops are synchronous, and each sweep is one dispatch, not one per step.
 */
export function createThreads(module: WebAssembly.Module, count: number): Threads {
  const memory = newSharedMemory();
  const local = instantiate(module, memory);
  const arena = new Arena(memory, local.heapBase());
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * (SLOT + SLOT_SIZE * Math.max(0, count - 1))));
  const helpers = Array.from({ length: count - 1 }, (_, index) => {
    const w = new Worker(HELPER, { eval: true, workerData: { module, memory, control: ctrl.buffer, index, functions: FUNCTIONS } });
    w.unref();
    return w;
  });
  let usable: boolean | null = null;
  /** Whether every helper started (waited for once): a thread that cannot start must not hang training. */
  const helpersStarted = () => {
    if (usable !== null) return usable;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (let n = Atomics.load(ctrl, READY); n < helpers.length && Date.now() < deadline; n = Atomics.load(ctrl, READY)) Atomics.wait(ctrl, READY, n, 100);
    usable = Atomics.load(ctrl, READY) === helpers.length;
    return usable;
  };
  return {
    count,
    arena,
    run(fn, calls) {
      const extra = calls.slice(1);
      if (extra.length > helpers.length) throw new Error(`recurrence.wasm: ${calls.length} calls for ${count} threads`);
      if (extra.length > 0 && !helpersStarted()) {
        // The same calls one after another on this thread: slower, the same numbers.
        for (const args of calls) (local[fn] as (...a: number[]) => void)(...args);
        return;
      }
      if (extra.length > 0) {
        // Every helper wakes on a new generation: those without a call this time get none (−1).
        helpers.forEach((_, i) => {
          const slot = SLOT + i * SLOT_SIZE;
          const args = extra[i];
          ctrl[slot] = args ? FUNCTIONS.indexOf(fn) : -1;
          ctrl[slot + 1] = args ? args.length : 0;
          args?.forEach((v, j) => (ctrl[slot + 2 + j] = v | 0));
        });
        Atomics.store(ctrl, FAILED, 0);
        Atomics.store(ctrl, PENDING, helpers.length);
        Atomics.add(ctrl, GENERATION, 1);
        Atomics.notify(ctrl, GENERATION);
      }
      (local[fn] as (...a: number[]) => void)(...calls[0]);
      for (let left = Atomics.load(ctrl, PENDING); left !== 0; left = Atomics.load(ctrl, PENDING)) Atomics.wait(ctrl, PENDING, left, 1000);
      if (ctrl[FAILED]) throw new Error(`recurrence.wasm: ${fn} failed on a helper thread`);
    },
    close() {
      for (const w of helpers) void w.terminate();
    },
  };
}

/** Threads for the sweeps: SALIENCY_STUDIO_THREADS if set, else every core the OS offers this process. */
export function defaultThreadCount(): number {
  const asked = Number(process.env.SALIENCY_STUDIO_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? asked : availableParallelism();
}
