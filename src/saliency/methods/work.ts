import { yieldThenCheck } from '../../util/cancel.js';
import type { RunControl } from '../types.js';

/** How a method reports the rows it has done and learns it should stop. */
export interface Work {
  readonly batchSize: number;
  /** Yields to the host (so a cancel message can arrive), then throws Cancelled if the signal was aborted. */
  checkpoint(): Promise<void>;
  advance(units: number): void;
}

/** Work that reports progress to `control` against `total` units (settable, and then reported, once the real total is known). */
export function trackedWork(control: RunControl, total: number): Work & { setTotal(total: number): void } {
  let done = 0;
  return {
    batchSize: control.batchSize,
    checkpoint: () => yieldThenCheck(control.signal),
    advance(units) {
      done += units;
      control.onProgress?.(done, total);
    },
    setTotal(next) {
      total = next;
      control.onProgress?.(done, total);
    },
  };
}

/** Work that can be cancelled but reports nothing (nested passes whose caller counts its own units). */
export function quietWork(control: RunControl): Work {
  return { batchSize: control.batchSize, checkpoint: () => yieldThenCheck(control.signal), advance() {} };
}
