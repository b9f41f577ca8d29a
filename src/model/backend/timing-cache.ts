import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { BACKEND_NAMES, type BackendName, type BackendReport, type BackendTiming } from './types.js';

/** Overrides the folder of the per-user cache (tests point it at a temp folder). */
export const CACHE_DIR_ENV = 'SALIENCY_STUDIO_CACHE_DIR';
const FORMAT = 'saliency-studio-backend-timings';
/** Entries kept, newest first: enough for the models one person trains on one machine. */
export const MAX_ENTRIES = 64;

/** One measurement of `auto`: the backend it chose, the timings, and what was passed over. */
export interface TimingEntry {
  measuredAt: string;
  backend: BackendName;
  timings: BackendTiming[];
  skipped: BackendReport['skipped'];
  /** What the key was made from, for a person reading the file. */
  environment: Record<string, string>;
  shape: Record<string, unknown>;
}

/**
 * The timing cache file: `$SALIENCY_STUDIO_CACHE_DIR`, else `$XDG_CACHE_HOME/saliency-studio`,
 * else `~/.cache/saliency-studio`, then backend-timings.json. Per user, not per run: a machine's
 * measurement serves every run of the same model shape on it.
 */
export function timingCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[CACHE_DIR_ENV] || (env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'saliency-studio') : path.join(os.homedir(), '.cache', 'saliency-studio'));
  return path.join(dir, 'backend-timings.json');
}

/**
 * The cache key: a hash of the environment (machine, packages) and the model shape, with keys
 * sorted so the order they were listed in does not matter. Any change in either is a new key.
 */
export function timingKey(environment: Record<string, string>, shape: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify([sorted(environment), sorted(shape)])).digest('hex');
}

/**
 * The entry for `key`, or null: a missing, unreadable or corrupt file (or entry) is a miss,
 * never an error, as measuring again costs only a second or two (and rewrites the file).
 */
export async function readTimingEntry(file: string, key: string): Promise<TimingEntry | null> {
  const entries = await readEntries(file);
  return entries[key] ?? null;
}

/**
 * Adds (or replaces) `key`'s entry, keeping the MAX_ENTRIES newest, written atomically. Fails
 * with an OutputError (from writeFileAtomic) when the folder cannot be written; callers that
 * can do without the cache catch it.
 */
export async function writeTimingEntry(file: string, key: string, entry: TimingEntry): Promise<void> {
  const entries = { ...(await readEntries(file)), [key]: entry };
  const kept = Object.entries(entries).sort(([, a], [, b]) => b.measuredAt.localeCompare(a.measuredAt)).slice(0, MAX_ENTRIES);
  await writeFileAtomic(file, `${JSON.stringify({ format: FORMAT, version: 1, entries: Object.fromEntries(kept) }, null, 2)}\n`);
}

async function readEntries(file: string): Promise<Record<string, TimingEntry>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return {};
  }
  const o = parsed as { format?: unknown; version?: unknown; entries?: unknown };
  if (typeof o !== 'object' || o === null || o.format !== FORMAT || o.version !== 1 || !isRecord(o.entries)) return {};
  return Object.fromEntries(Object.entries(o.entries).filter((e): e is [string, TimingEntry] => isEntry(e[1])));
}

function isEntry(v: unknown): v is TimingEntry {
  if (!isRecord(v)) return false;
  const names = BACKEND_NAMES as readonly unknown[];
  const timings = Array.isArray(v.timings) && v.timings.every((t) => isRecord(t) && names.includes(t.name)
    && (t.msPerStep === null || isMs(t.msPerStep)) && isMs(t.warmupMs));
  const skipped = Array.isArray(v.skipped) && v.skipped.every((s) => isRecord(s) && names.includes(s.name) && typeof s.why === 'string');
  return typeof v.measuredAt === 'string' && !Number.isNaN(Date.parse(v.measuredAt)) && names.includes(v.backend) && timings && skipped
    && (v.timings as BackendTiming[]).some((t) => t.name === v.backend && t.msPerStep !== null)
    && isRecord(v.environment) && isRecord(v.shape);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
