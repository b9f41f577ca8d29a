/**
 * Every setting that differs between what a stored result was made with and what is asked
 * now, one `path: stored → asked` each (e.g. `training.epochs: 2 → 30`), in `asked`'s key
 * order, then keys only `stored` has. Objects and equal-length arrays are compared leaf by
 * leaf; a key on one side only shows `(none)` on the other. Empty when they agree.
 */
export function diffSettings(stored: unknown, asked: unknown, at = ''): string[] {
  if (isObject(stored) && isObject(asked)) {
    const keys = [...new Set([...Object.keys(asked), ...Object.keys(stored)])];
    return keys.flatMap((k) => diffSettings(stored[k], asked[k], at ? `${at}.${k}` : k));
  }
  if (Array.isArray(stored) && Array.isArray(asked) && stored.length === asked.length) {
    return stored.flatMap((v, i) => diffSettings(v, asked[i], `${at}[${i}]`));
  }
  return same(stored, asked) ? [] : [`${at || '(value)'}: ${show(stored)} → ${show(asked)}`];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Settings come back from JSON, where NaN is stored as null and undefined keys vanish.
function same(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

// Unquoted, so the list reads cleanly inside an error message (which quotes it as a whole).
function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (Array.isArray(v)) return v.length <= 6 && v.every((x) => typeof x !== 'object' || x === null) ? `[${v.map(show).join(', ')}]` : `(${v.length} items)`;
  if (isObject(v)) return '{…}';
  return String(v);
}
