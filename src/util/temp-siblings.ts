import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { processRuns } from './process-alive.js';

/** `tmp`: a file being written; `partial`: a folder being filled before it is moved in. */
export type TempKind = 'tmp' | 'partial';

/** Any leftover is stale after this long, even one whose maker cannot be asked (another machine, an older version's name). */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Names stay well under the 255-byte limit however long the target's name is. */
const MAX_BASE = 160;

const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const prefix = (target: string, kind: TempKind) => `.${path.basename(target).slice(0, MAX_BASE)}.${kind}-`;

/**
 * A unique hidden sibling path of `target` for a temp file or folder. The name carries this
 * machine and process, so a later run can tell a leftover of a process that is gone from one
 * still being written: `.<name>.<kind>-<host>-<pid>-<random>`.
 */
export function tempSibling(target: string, kind: TempKind): string {
  return path.join(path.dirname(target), `${prefix(target, kind)}${HOST}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

/**
 * Removes temp siblings of `target` (of `kind`) left by an interrupted earlier run: those made on
 * this machine by a process that no longer runs, and any a day old (from another machine, an
 * older version without a pid in the name, or a pid since reused). Best effort: a leftover that
 * cannot be removed stays, and never fails the caller. Returns the paths removed.
 */
export async function removeStaleSiblings(target: string, kind: TempKind): Promise<string[]> {
  const dir = path.dirname(target);
  const start = prefix(target, kind);
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => n.startsWith(start))) {
    const file = path.join(dir, name);
    if (!(await isStale(kind, name.slice(start.length), file))) continue;
    if (await rm(file, { recursive: true, force: true }).then(() => true, () => false)) removed.push(file);
  }
  return removed;
}

/** Older versions named partial folders `.<name>.partial-<6 or 8 random characters>`. */
const LEGACY_PARTIAL = /^[A-Za-z0-9]{6}$|^[0-9a-f]{8}$/;

async function isStale(kind: TempKind, tail: string, file: string): Promise<boolean> {
  const ours = /^([0-9a-f]{8})-(\d+)-[0-9a-f]{12}$/.exec(tail);
  if (!ours && !(kind === 'partial' && LEGACY_PARTIAL.test(tail))) return false;
  if (ours && ours[1] === HOST && !processRuns(Number(ours[2]))) return true;
  // No write or export runs for a day: this also frees leftovers whose pid was reused.
  const modified = await stat(file).then((s) => s.mtimeMs, () => null);
  return modified !== null && Date.now() - modified > MAX_AGE_MS;
}
