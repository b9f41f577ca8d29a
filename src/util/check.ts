import { readFile, stat } from 'node:fs/promises';
import { describe } from './describe.js';

export { describe };
/**
 * Small checks for data that crosses a boundary (messages between threads, files read back),
 * each failing through `fail` with the field, the value found and what was expected.
 */
export type Fail = (field: string, value: unknown, expected: string) => never;

type Obj = Record<string, unknown>;

export function record(value: unknown, field: string, fail: Fail): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, describe(value), 'an object');
  return value as Obj;
}

export function num(o: Obj, key: string, fail: Fail, opts: { min?: number; max?: number; integer?: boolean; finite?: boolean } = {}): number {
  const v = o[key];
  const { min = -Infinity, max = Infinity, integer = false, finite = true } = opts;
  const ok = typeof v === 'number' && !(finite && !Number.isFinite(v)) && !(integer && !Number.isInteger(v)) && (Number.isNaN(v) || (v >= min && v <= max));
  if (!ok) fail(key, describe(v), `${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` ≥ ${min}` : ''}${max < Infinity ? ` ≤ ${max}` : ''}`);
  return v as number;
}

/** A number that may be NaN or infinite (losses), or null standing for a non-finite value in JSON. */
export function looseNum(o: Obj, key: string, fail: Fail): number {
  const v = o[key];
  if (v === null) return NaN;
  if (typeof v !== 'number') fail(key, describe(v), 'a number');
  return v as number;
}

export function str(o: Obj, key: string, fail: Fail): string {
  if (typeof o[key] !== 'string') fail(key, describe(o[key]), 'a string');
  return o[key] as string;
}

export function bool(o: Obj, key: string, fail: Fail): boolean {
  if (typeof o[key] !== 'boolean') fail(key, describe(o[key]), 'true or false');
  return o[key] as boolean;
}

export function oneOf<T extends string>(o: Obj, key: string, choices: readonly T[], fail: Fail): T {
  if (!(choices as readonly unknown[]).includes(o[key])) fail(key, describe(o[key]), `one of ${choices.join(', ')}`);
  return o[key] as T;
}

export function array(o: Obj, key: string, fail: Fail): unknown[] {
  if (!Array.isArray(o[key])) fail(key, describe(o[key]), 'an array');
  return o[key] as unknown[];
}

export function strings(o: Obj, key: string, fail: Fail): string[] {
  const a = array(o, key, fail);
  if (!a.every((x) => typeof x === 'string')) fail(key, describe(a), 'an array of strings');
  return a as string[];
}

export function numbers(o: Obj, key: string, fail: Fail): number[] {
  const a = array(o, key, fail);
  if (!a.every((x) => typeof x === 'number')) fail(key, describe(a), 'an array of numbers');
  return a as number[];
}

/** A fail that prefixes nested field names, e.g. `training.epochs`. */
export function nested(fail: Fail, prefix: string): Fail {
  return (field, value, expected) => fail(`${prefix}.${field}`, value, expected);
}


/**
 * Reads a JSON manifest whose top level is `{ format, version: 1, … }`: a missing file fails
 * as `path` with `missing` as what was expected, unparsable JSON as `contents`, another
 * format or version as `format/version`.
 */
export async function readVersionedJson(file: string, format: string, missing: string, fail: Fail): Promise<Obj> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? fail('path', file, missing) : Promise.reject(err)));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    fail('contents', (err as Error).message, 'valid JSON');
  }
  const o = record(parsed, 'contents', fail);
  if (o.format !== format || o.version !== 1) fail('format/version', `${o.format}/${o.version}`, `${format}/1`);
  return o;
}

/** `readVersionedJson` for a file that may be absent: null where there is none. */
export async function readOptionalVersionedJson(file: string, format: string, fail: Fail): Promise<Obj | null> {
  const present = await stat(file).then(() => true, (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? false : Promise.reject(err)));
  return present ? readVersionedJson(file, format, 'an existing file', fail) : null;
}
