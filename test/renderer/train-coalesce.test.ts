import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescer } from '../../renderer/src/components/train/coalesce.js';

describe('coalescer (the live curves\' redraws)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const clock = () => Date.now();

  it('runs the first request at once, then folds the requests of each interval into one run at its end', () => {
    const runs: number[] = [];
    const c = coalescer(250, () => runs.push(Date.now()), 0, clock);
    const t0 = Date.now();
    c.request();
    expect(runs).toEqual([t0]);
    // Ten events, one every 30 ms (300 ms): one more run at 250 ms, one at 500 ms for those after it.
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(30);
      c.request();
    }
    vi.advanceTimersByTime(1000);
    expect(runs.map((t) => t - t0)).toEqual([0, 250, 500]);
  });

  it('with a delay, waits that long after a request even when idle', () => {
    const runs: number[] = [];
    const c = coalescer(250, () => runs.push(Date.now()), 100, clock);
    const t0 = Date.now();
    c.request();
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(runs.map((t) => t - t0)).toEqual([100]);
    vi.advanceTimersByTime(1000);
    c.request();
    vi.advanceTimersByTime(99);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runs.map((t) => t - t0)).toEqual([100, 1200]);
  });

  it('drops a pending run when cancelled', () => {
    let runs = 0;
    const c = coalescer(250, () => runs++, 0, clock);
    c.request();
    c.request();
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(runs).toBe(1);
  });
});
