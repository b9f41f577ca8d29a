import type { z } from 'zod';
import { describe } from './describe.js';

/**
 * A zod failure worded as every InputError is: the field path, the value found there and what
 * was expected. Browser-safe (zod only), so the API contract, the job protocol and a renderer
 * word a bad payload the same way.
 */
export interface IssueReport {
  field: string;
  value: unknown;
  expected: string;
}

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

/** The first issue of `error` (from checking `value`), its field path prefixed by `at`. */
export function reportIssue(error: z.ZodError, value: unknown, at: readonly Key[] = []): IssueReport {
  const issue = error.issues[0];
  const where = [...at, ...issue.path];
  // An extra field is named, and shown, by its first key.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const found = issue.code === 'custom' && issue.params && 'value' in issue.params ? issue.params.value : describe(valueAt(value, path));
  const { field, expected } = explain(issue, where, valueAt(value, issue.path));
  return { field, value: found, expected };
}

/** `args.training.epochs`, `skipped[0].name`; the whole message is `message`. */
export function fieldName(path: readonly Key[]): string {
  if (path.length === 0) return 'message';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function explain(issue: Issue, path: readonly Key[], found: unknown): { field: string; expected: string } {
  switch (issue.code) {
    case 'unrecognized_keys':
      return { field: fieldName([...path, issue.keys[0]]), expected: 'no such field' };
    case 'custom':
      return { field: fieldName(path), expected: String(issue.params?.expected ?? issue.message) };
    default:
      return { field: fieldName(path), expected: expectation(issue, found) };
  }
}

const TYPES: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false', object: 'an object',
  array: 'an array', null: 'null', undefined: 'nothing', record: 'an object', nan: 'NaN', bigint: 'an integer',
};

/** What an issue asked for, worded as the hand-written checkers word it. */
function expectation(issue: Issue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPES[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) return `one of ${issue.options.join(', ')}`;
      // Each alternative's first issue: "true or a string".
      return [...new Set(issue.errors.map((branch) => (branch[0] ? expectation(branch[0], found) : 'something else')))].join(' or ');
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return `${Number.isInteger(found) ? 'an integer' : 'a number'} ${op} ${bound}`;
      return `${issue.origin === 'string' ? 'a string' : 'an array'} of length ${op} ${bound}`;
    }
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<Key, unknown>)[key];
  }
  return v;
}
