/**
 * Sends at most one value per `intervalMs`: a value arriving sooner waits, replaced by any
 * newer one, so a fast stream (batches, progress) reaches a UI at a pace it can draw while
 * the latest value is never lost. `flush` sends the waiting value now (before a final event).
 */
export function throttle<T>(intervalMs: number, send: (value: T) => void): { push(value: T): void; flush(): void } {
  let last = -Infinity;
  let waiting: { value: T } | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!waiting) return;
    const { value } = waiting;
    waiting = null;
    last = Date.now();
    send(value);
  };
  return {
    push(value) {
      const now = Date.now();
      if (!timer && now - last >= intervalMs) {
        last = now;
        send(value);
        return;
      }
      waiting = { value };
      timer ??= setTimeout(flush, Math.max(0, intervalMs - (now - last)));
    },
    flush,
  };
}
