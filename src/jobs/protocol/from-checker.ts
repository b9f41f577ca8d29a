import { z } from 'zod';
import type { Fail } from '../../util/check.js';

/** A hand-written checker of util/check.ts's kind: returns the checked value or calls `fail`. */
export type Checker<T> = (value: unknown, field: string, fail: Fail) => T;

/** Thrown by the adapter's `fail` and caught at once: it never leaves this module. */
class CheckFailed {
  constructor(readonly field: string, readonly value: unknown, readonly expected: string) {}
}

/**
 * A payload that already has a checker, as a zod schema: the checker stays its one rule set
 * and its failure becomes one zod issue at the failing field (path below the schema's own
 * place), carrying the checker's value and expectation for parseMessage to report.
 */
export function fromChecker<T>(check: Checker<T>): z.ZodType<T> {
  return z.unknown().transform((value, ctx): T => {
    const fail: Fail = (field, found, expected) => {
      throw new CheckFailed(field, found, expected);
    };
    try {
      return check(value, '', fail);
    } catch (err) {
      if (!(err instanceof CheckFailed)) throw err;
      ctx.issues.push({ code: 'custom', message: `expected ${err.expected}`, input: value, path: splitField(err.field), params: { value: err.value, expected: err.expected } });
      return z.NEVER;
    }
  }) as unknown as z.ZodType<T>;
}

/** `.training.epochs` or `skipped[0].name` (the checker's nesting) → a zod path. */
function splitField(field: string): (string | number)[] {
  return field.split(/\.|(?=\[)/).filter(Boolean).map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}
