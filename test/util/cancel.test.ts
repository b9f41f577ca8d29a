import { describe, expect, it } from 'vitest';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import { Cancelled, isCancelled, throwIfCancelled, yieldThenCheck } from '../../src/util/cancel.js';

describe('the one cancellation error', () => {
  it('throwIfCancelled does nothing without a signal or before the abort', () => {
    const controller = new AbortController();
    expect(() => throwIfCancelled(undefined)).not.toThrow();
    expect(() => throwIfCancelled(controller.signal)).not.toThrow();
  });

  it('throwIfCancelled throws Cancelled once aborted, whatever the reason, keeping the reason as its cause', () => {
    const plain = new AbortController();
    plain.abort();
    const error = (() => { try { throwIfCancelled(plain.signal); } catch (err) { return err; } })();
    expect(error).toBeInstanceOf(Cancelled);
    expect(error).toMatchObject({ name: 'Cancelled', message: 'cancelled' });
    // The default reason is the DOM-style AbortError: it becomes the cause, not the error thrown.
    expect((error as Cancelled).cause).toMatchObject({ name: 'AbortError' });

    const reason = new Error('user pressed stop');
    expect(() => throwIfCancelled(AbortSignal.abort(reason))).toThrow(expect.objectContaining({ name: 'Cancelled', cause: reason }));
  });

  it('throwIfCancelled rethrows a Cancelled reason as it is, subclass and details included', () => {
    const reason = new TrainingCancelled(3);
    let thrown: unknown;
    try {
      throwIfCancelled(AbortSignal.abort(reason));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBe(reason);
    expect((thrown as TrainingCancelled).lastCheckpointEpoch).toBe(3);
  });

  it('isCancelled recognises Cancelled and its subclasses only', () => {
    expect(isCancelled(new Cancelled())).toBe(true);
    expect(isCancelled(new TrainingCancelled(0))).toBe(true);
    expect(new TrainingCancelled(0).name).toBe('TrainingCancelled');
    expect(isCancelled(new Error('cancelled'))).toBe(false);
    expect(isCancelled(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isCancelled(null)).toBe(false);
    expect(isCancelled('cancelled')).toBe(false);
  });

  it('yieldThenCheck lets a pending abort in before it checks', async () => {
    const controller = new AbortController();
    // Queued like a worker's cancel message: it runs only once the loop yields.
    setImmediate(() => controller.abort());
    await expect(yieldThenCheck(controller.signal)).rejects.toBeInstanceOf(Cancelled);
    await expect(yieldThenCheck(new AbortController().signal)).resolves.toBeUndefined();
  });
});
