import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readlinkSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { LockError } from '../errors.js';
import { outputError } from './fs-errors.js';
import { processRuns } from './process-alive.js';

/** The lock's name inside the folder it guards; a dot file, so listings of a folder's outputs pass it by. */
export const LOCK_FILE = '.saliency-studio.lock';

/** What a lock file holds: enough to name the holder to whoever is refused, and to tell a stale lock. */
export interface LockHolder {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot), so a reused pid is not taken for the holder; null off Linux. */
  startTime: string | null;
  /** worker_threads id (0: the main thread). */
  thread: number;
  /** The OS thread and its start time (Linux): a worker terminated while holding the lock leaves a stale one, even while its process lives. */
  tid: number | null;
  threadStartTime: string | null;
  hostname: string;
  operation: string;
  /** Tells this acquisition from any other, so release never removes another holder's lock. */
  token: string;
  since: string;
}

/** A held lock. */
export interface FolderLock {
  dir: string;
  file: string;
  holder: LockHolder;
  /** Removes the lock file if it is still ours, and the folder if taking the lock created it and it is still empty. */
  release(): Promise<void>;
}

export interface FolderLockOptions {
  /** Named in the lock, for whoever is refused (e.g. `train`). */
  operation: string;
  /** Hears that a stale lock was taken over (default: a warning line on stderr). */
  onStale?(message: string): void;
}

/** An unreadable lock younger than this is being written by its taker (create and write are two calls). */
const TORN_MS = 2000;
/** How long to keep retrying while other takers come and go, before giving up with an error. */
const CONTENTION_MS = 10_000;

/**
 * Takes the exclusive lock of folder `dir` (created if missing): `<dir>/.saliency-studio.lock`,
 * created with O_EXCL. A lock held by a live process, or by another thread or call of this one,
 * is refused with a LockError naming the folder and the holder. A lock whose process or thread
 * is gone (or whose pid now belongs to another process) is taken over, through `onStale`.
 * Locks still held when this thread exits normally are released then.
 */
export async function acquireFolderLock(dir: string, options: FolderLockOptions): Promise<FolderLock> {
  const folder = path.resolve(dir);
  const file = path.join(folder, LOCK_FILE);
  const mine: LockHolder = { ...identity(), hostname: hostname(), operation: options.operation, token: randomBytes(8).toString('hex'), since: new Date().toISOString() };
  const onStale = options.onStale ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  const deadline = Date.now() + CONTENTION_MS;
  let created: string | undefined;
  for (;;) {
    created ??= makeFolder(folder);
    if (tryCreate(file, mine)) return hold({ folder, file, holder: mine, created });
    const found = readLock(file);
    if (found) {
      const why = staleness(found);
      if (why === null && found.holder) throw refusal(folder, file, found.holder);
      if (why !== null && takeOver(file, found.token, mine)) {
        onStale(`${folder}: took over the lock ${describe(found.holder)}, ${why}`);
        return hold({ folder, file, holder: mine, created });
      }
    }
    if (Date.now() > deadline) {
      throw new LockError('FOLDER_LOCK_BUSY', folder, 'lock', file, `a lock that can be taken (other processes kept taking and releasing it for ${CONTENTION_MS / 1000} s; run again)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
}

/** Runs `fn` holding the lock of `dir`, and releases it however `fn` ends. */
export async function withFolderLock<T>(dir: string, operation: string | FolderLockOptions, fn: (lock: FolderLock) => Promise<T>): Promise<T> {
  const lock = await acquireFolderLock(dir, typeof operation === 'string' ? { operation } : operation);
  try {
    return await fn(lock);
  } finally {
    await lock.release();
  }
}

/**
 * Refuses, as acquiring would, a folder locked by a live holder other than this thread's own
 * locks; takes nothing. For checks that answer before an operation starts.
 */
export function refuseLockedFolder(dir: string): void {
  const folder = path.resolve(dir);
  const file = path.join(folder, LOCK_FILE);
  const found = readLock(file);
  if (!found?.holder || staleness(found) !== null || [...held].some((h) => h.holder.token === found.token)) return;
  throw refusal(folder, file, found.holder);
}

interface Held {
  folder: string;
  file: string;
  holder: LockHolder;
  /** The topmost folder that taking the lock created, if any. */
  created: string | undefined;
}

const held = new Set<Held>();
let exitHooked = false;

function hold(entry: Held): FolderLock {
  if (!exitHooked) {
    // Sync, as 'exit' allows: a normal exit or an uncaught error leaves no lock; a kill -9 leaves a stale one.
    process.on('exit', () => held.forEach(releaseSync));
    exitHooked = true;
  }
  held.add(entry);
  return { dir: entry.folder, file: entry.file, holder: entry.holder, release: async () => releaseSync(entry) };
}

/** Best effort: a lock that cannot be removed is left to stale detection once this thread ends. */
function releaseSync(entry: Held): void {
  if (!held.delete(entry)) return;
  try {
    if (readLock(entry.file)?.token === entry.holder.token) unlinkSync(entry.file);
  } catch {
    return;
  }
  // A failed operation leaves no empty folder behind that it would not have made without the lock.
  if (entry.created === undefined) return;
  for (let dir = entry.folder; ; dir = path.dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === entry.created || path.dirname(dir) === dir) return;
  }
}

function makeFolder(folder: string): string | undefined {
  try {
    return mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw outputError(err, folder, 'creating the folder');
  }
}

/** Creates `file` holding `holder` if no such file exists; false when one does (or its folder just went). */
function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    throw outputError(err, file, 'creating the lock');
  }
  try {
    writeFileSync(fd, JSON.stringify(holder) + '\n');
  } catch (err) {
    closeSync(fd);
    unlinkSync(file);
    throw outputError(err, file, 'writing the lock');
  }
  closeSync(fd);
  return true;
}

interface Found {
  /** The holder's token; for an unreadable file, one made from its inode. */
  token: string;
  holder: LockHolder | null;
  ageMs: number;
}

function readLock(file: string): Found | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw outputError(err, file, 'reading the lock');
  }
  try {
    const stat = fstatSync(fd);
    const holder = parseHolder(readFileSync(fd, 'utf8'));
    return { token: holder?.token ?? `unreadable-${stat.ino}`, holder, ageMs: Date.now() - stat.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h?.pid) && typeof h.token === 'string' && /^[0-9a-f]+$/.test(h.token) && typeof h.hostname === 'string' ? h : null;
  } catch {
    return null;
  }
}

/**
 * Replaces the stale lock `token` at `file` with `mine`, unless another taker is already at it:
 * a taker first creates `<file>.<token>.takeover` (holding `mine`) with O_EXCL, then renames it
 * over the stale file, so of several that saw the same stale lock exactly one ends up holding
 * it and the others find its live lock. A marker left by a taker that died is stale in turn
 * and taken over the same way. True when the lock is now ours.
 */
function takeOver(file: string, token: string, mine: LockHolder, depth = 0): boolean {
  const marker = `${file}.${token}.takeover`;
  let claimed = tryCreate(marker, mine);
  if (!claimed) {
    const other = readLock(marker);
    claimed = other !== null && depth < 4 && staleness(other) !== null && takeOver(marker, other.token, mine, depth + 1);
  }
  if (!claimed) return false;
  // Only the marker's holder replaces this stale file, and its own holder is gone: checked, it stays so.
  if (readLock(file)?.token !== token) {
    rmSync(marker, { force: true });
    return false;
  }
  renameSync(marker, file);
  return true;
}

/** Why the lock is stale, or null while its holder may still be writing. */
function staleness(found: Found): string | null {
  const h = found.holder;
  if (!h) return found.ageMs > TORN_MS ? 'an unreadable lock file (left by a process that died while writing it)' : null;
  // Another machine's processes cannot be asked: its lock stands until it is removed there.
  if (h.hostname !== hostname()) return null;
  const start = procStart(String(h.pid));
  // No /proc to read (not Linux, or hidden): whether the pid runs is all there is to go by.
  if (start === null) return processRuns(h.pid) ? null : 'which is no longer running';
  if (start === undefined) return 'which is no longer running';
  if (h.startTime !== null && start !== h.startTime) return 'whose pid now belongs to another process';
  const threadStart = h.tid !== null && h.threadStartTime !== null ? procStart(`${h.pid}/task/${h.tid}`) : null;
  if (threadStart === undefined || (threadStart !== null && threadStart !== h.threadStartTime)) {
    return `whose thread ${h.thread} has ended (a worker stopped without releasing it)`;
  }
  return null;
}

function describe(h: LockHolder | null): string {
  return h ? `of pid ${h.pid} (${h.operation} since ${h.since})` : LOCK_FILE;
}

function refusal(folder: string, file: string, h: LockHolder): LockError {
  const here = h.hostname === hostname();
  const who = here && h.pid === process.pid ? `this process (pid ${h.pid}, thread ${h.thread})` : here ? `pid ${h.pid}` : `pid ${h.pid} on ${h.hostname}`;
  const todo = here && h.pid === process.pid ? `wait for that ${h.operation} to finish or cancel it`
    : here ? `wait for it to finish, or stop that process (kill ${h.pid})`
    : `wait for it to finish, or stop that process on ${h.hostname} (if it is gone, delete ${file})`;
  return new LockError('FOLDER_LOCKED', folder, 'lock', `held by ${who} for ${h.operation} since ${h.since}`, `no other writer of this folder: ${todo}; or write elsewhere`);
}

const HAS_PROC = existsSync('/proc/self/stat');

let self: Pick<LockHolder, 'pid' | 'startTime' | 'thread' | 'tid' | 'threadStartTime'> | undefined;

/** This process and thread, as a lock records them. */
function identity(): NonNullable<typeof self> {
  if (self) return self;
  const tid = HAS_PROC ? osThreadId() : null;
  const threadStart = tid === null ? null : procStart(`${process.pid}/task/${tid}`) ?? null;
  self = { pid: process.pid, startTime: procStart(String(process.pid)) ?? null, thread: threadId, tid: threadStart === null ? null : tid, threadStartTime: threadStart };
  return self;
}

/** The calling thread's OS id: a sync call, as it must run on this thread (not libuv's pool). */
function osThreadId(): number | null {
  try {
    const tid = Number(path.basename(readlinkSync('/proc/thread-self')));
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<rel>/stat; undefined when there is no such process or thread, null when it cannot be read. */
function procStart(rel: string): string | null | undefined {
  if (!HAS_PROC) return null;
  let text: string;
  try {
    text = readFileSync(`/proc/${rel}/stat`, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  // Fields from the third on follow the command name in parentheses, which may itself hold spaces.
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}
