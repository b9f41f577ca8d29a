/** A call requested at any rate, made at most once per interval; the last request is never dropped. */
export interface Coalescer {
  request(): void;
  cancel(): void;
}

/**
 * Runs `run` `delayMs` after a request, but never sooner than `intervalMs` after its last run;
 * requests meanwhile are folded into that one run. For redraws too costly to follow every event.
 */
export function coalescer(intervalMs: number, run: () => void, delayMs = 0, now: () => number = () => performance.now()): Coalescer {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = now();
    run();
  };
  return {
    request() {
      if (timer) return;
      const wait = Math.max(delayMs, last + intervalMs - now());
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
