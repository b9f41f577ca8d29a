import { firstLine } from './loader.js';
import type { BackendName, BackendTiming } from './types.js';

/**
 * The model about to be trained, as `auto` measures it: one step of it on each usable backend.
 * Built by the caller (src/jobs knows the optimizer and the training step; this layer does not).
 */
export interface BackendProbe {
  /**
   * What a step's time depends on (cell, attention, sizes, batch, window…): part of the timing
   * cache's key, so another model shape is measured afresh. Values, not the data, decide the time.
   */
  shape: Record<string, string | number | boolean | null>;
  /** Builds the model, its optimizer and one batch on the active backend (`name`). */
  prepare(name: BackendName): Promise<ProbeSession> | ProbeSession;
}

/** One backend's model and batch, ready to step. */
export interface ProbeSession {
  /** One whole training step, its results read back (so GPU work is finished when it resolves). */
  step(): Promise<void>;
  /** Frees the model, optimizer and batch before the next backend is activated. */
  dispose(): void;
}

/** Steps timed after the warm-up; the best counts, as the least disturbed by other work on the machine. */
export const TIMED_STEPS = 2;
/**
 * A warm-up this many times the best step so far stops a backend's timing: it cannot win unless
 * its steady step is 10× faster than its first, and a slow backend on a big model would
 * otherwise spend seconds to minutes on more steps. A step already under way cannot be cut short.
 */
export const WARMUP_CAP_FACTOR = 10;
/**
 * Warm-ups shorter than this are always followed by timed steps: the first step of wasm (its
 * start-up) or of a GPU backend (shader compiles, CUDA start-up) can be many times its steady
 * one without that backend being slow.
 */
export const WARMUP_FLOOR_MS: Record<BackendName, number> = { 'node-gpu': 10_000, webgpu: 10_000, node: 1000, wasm: 1000, cpu: 1000 };
/** A timed step this many times the best so far is enough to say a backend loses: its second step is skipped. */
export const CLEARLY_SLOWER_FACTOR = 3;

export type TimingOutcome = { ok: true; timing: BackendTiming } | { ok: false; why: string };

/**
 * Times the probe on the active backend: builds it, one warm-up step, then the best of
 * TIMED_STEPS steps, stopping early once the backend cannot beat `bestMs` (see the factors
 * above). A failure anywhere (an op this backend lacks, out of memory) is a reason, not a throw,
 * so `auto` can pass the backend over. Everything the probe built is disposed.
 */
export async function timeBackend(name: BackendName, probe: BackendProbe, bestMs: number | null, now: () => number): Promise<TimingOutcome> {
  let session: ProbeSession | undefined;
  try {
    const start = now();
    session = await probe.prepare(name);
    await session.step();
    const warmupMs = round(now() - start);
    if (bestMs !== null && warmupMs > Math.max(WARMUP_CAP_FACTOR * bestMs, WARMUP_FLOOR_MS[name])) {
      return { ok: true, timing: { name, msPerStep: null, warmupMs } };
    }
    let best = Infinity;
    for (let i = 0; i < TIMED_STEPS; i++) {
      const t0 = now();
      await session.step();
      best = Math.min(best, now() - t0);
      if (bestMs !== null && best > CLEARLY_SLOWER_FACTOR * bestMs) break;
    }
    return { ok: true, timing: { name, msPerStep: round(best), warmupMs } };
  } catch (err) {
    return { ok: false, why: firstLine(err) };
  } finally {
    try {
      session?.dispose();
    } catch {
      // A backend that failed mid-step may refuse to free; the next one starts regardless.
    }
  }
}

/** The fastest timed backend, or null when none has a step time. Ties go to the higher rung (earlier in `timings`). */
export function fastest(timings: readonly BackendTiming[]): BackendTiming | null {
  let best: BackendTiming | null = null;
  for (const t of timings) if (t.msPerStep !== null && (best === null || t.msPerStep < best.msPerStep!)) best = t;
  return best;
}

/** "wasm 21 ms/step vs cpu 190 ms/step, webgpu slower than 21 ms (stopped after a 3400 ms warm-up)". */
export function describeTimings(timings: readonly BackendTiming[], chosen: BackendName): string {
  const won = timings.find((t) => t.name === chosen);
  const others = timings.filter((t) => t.name !== chosen).map((t) => (t.msPerStep === null
    ? `${t.name} slower (stopped after a ${formatMs(t.warmupMs)} ms warm-up)`
    : `${t.name} ${formatMs(t.msPerStep)} ms/step`));
  const head = won?.msPerStep != null ? `${chosen} ${formatMs(won.msPerStep)} ms/step` : chosen;
  return others.length > 0 ? `${head} vs ${others.join(', ')}` : `${head} (the only one measured)`;
}

/** Milliseconds as people read them: whole above 10, else two significant digits. */
export function formatMs(ms: number): string {
  return ms >= 10 ? String(Math.round(ms)) : String(Number(ms.toPrecision(2)));
}

const round = (ms: number) => Math.round(ms * 100) / 100;
