import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/assets.js';
import { LockError } from '../../src/errors.js';
import { acquireFolderLock, LOCK_FILE, refuseLockedFolder, withFolderLock, type LockHolder } from '../../src/util/folder-lock.js';
import { tempDir } from '../helpers/temp-tree.js';

// Child processes and workers load the compiled module (`npx tsc -p tsconfig.json`), as the CLI does.
const COMPILED = pathToFileURL(path.join(packageRoot(), 'dist', 'src', 'util', 'folder-lock.js')).href;
const LINUX = process.platform === 'linux';

/** A node child running `body` (an ES module) with acquireFolderLock imported and LOCK_DIR set. */
function lockChild(dir: string, body: string, env: Record<string, string> = {}) {
  const source = `import { acquireFolderLock } from ${JSON.stringify(COMPILED)};\nconst dir = process.env.LOCK_DIR;\n${body}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], { env: { ...process.env, LOCK_DIR: dir, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  // A child that already exited cannot be written to (EPIPE); only a running one needs the input.
  child.stdin!.on('error', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const readHolder = async (dir: string) => JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as LockHolder;
const procStartTime = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

/** A lock file as another process on this machine would have written it. */
async function plantLock(dir: string, holder: Partial<LockHolder>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const full: LockHolder = { pid: 1, startTime: null, thread: 0, tid: null, threadStartTime: null, hostname: hostname(), operation: 'planted', token: 'abcdef0123456789', since: '2024-01-01T00:00:00.000Z', ...holder };
  await writeFile(path.join(dir, LOCK_FILE), JSON.stringify(full));
}

/** A child that just sleeps, for a pid that is alive. */
function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
}

describe('acquireFolderLock', () => {
  it('refuses a second acquire in the same process, naming the folder, the holder and what to do', async () => {
    const dir = path.join(await tempDir(), 'run');
    const lock = await acquireFolderLock(dir, { operation: 'train' });
    const holder = await readHolder(dir);
    expect(holder).toMatchObject({ pid: process.pid, hostname: hostname(), operation: 'train', thread: 0, token: lock.holder.token });
    if (LINUX) expect(holder.startTime).toBe(procStartTime(process.pid));
    const error = await acquireFolderLock(dir, { operation: 'report' }).catch((e) => e);
    expect(error).toBeInstanceOf(LockError);
    expect(error.code).toBe('FOLDER_LOCKED');
    expect(error.message).toBe(`${dir}: lock = "held by this process (pid ${process.pid}, thread 0) for train since ${holder.since}"; expected no other writer of this folder: wait for that train to finish or cancel it; or write elsewhere`);
    await lock.release();
  });

  it('after release the folder can be locked again; release removes the lock file and an empty folder it created', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'new', 'run');
    await (await acquireFolderLock(dir, { operation: 'a' })).release();
    expect(await readdir(parent)).toEqual([]);
    await mkdir(dir, { recursive: true });
    const again = await acquireFolderLock(dir, { operation: 'b' });
    await writeFile(path.join(dir, 'kept.txt'), 'x');
    await again.release();
    expect(await readdir(dir)).toEqual(['kept.txt']);
    await (await acquireFolderLock(dir, { operation: 'c' })).release();
    expect(await readdir(dir)).toEqual(['kept.txt']);
  });

  it('release leaves alone a lock file that is no longer its own', async () => {
    const dir = await tempDir();
    const lock = await acquireFolderLock(dir, { operation: 'a' });
    await plantLock(dir, { pid: process.pid, token: '00000000000000ff' });
    await lock.release();
    expect((await readHolder(dir)).token).toBe('00000000000000ff');
  });

  it('withFolderLock holds the lock while fn runs and releases it when fn throws', async () => {
    const dir = await tempDir();
    const inside = await withFolderLock(dir, 'saliency', async () => acquireFolderLock(dir, { operation: 'x' }).catch((e) => e));
    expect(inside).toBeInstanceOf(LockError);
    await expect(withFolderLock(dir, 'saliency', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process killed with SIGKILL, reporting it through onStale', async () => {
    const dir = path.join(await tempDir(), 'run');
    const holder = lockChild(dir, `await acquireFolderLock(dir, { operation: 'train' }); console.log('locked'); setInterval(() => {}, 1000);`);
    await until(() => holder.stdout().includes('locked'), 'the child to take the lock');
    const pid = holder.child.pid!;
    await expect(acquireFolderLock(dir, { operation: 'report' })).rejects.toThrow(`held by pid ${pid} for train`);
    holder.child.kill('SIGKILL');
    expect((await holder.exited).signal).toBe('SIGKILL');
    expect((await readHolder(dir)).pid).toBe(pid);

    const messages: string[] = [];
    const lock = await acquireFolderLock(dir, { operation: 'report', onStale: (m) => messages.push(m) });
    expect(messages).toEqual([expect.stringMatching(new RegExp(`^${dir}: took over the lock of pid ${pid} \\(train since .+\\), which is no longer running$`))]);
    expect((await readHolder(dir)).token).toBe(lock.holder.token);
    await lock.release();
  });

  it('refuseLockedFolder refuses a folder another process holds, and passes the caller\'s own lock, a stale one and none', async () => {
    const dir = await tempDir();
    expect(() => refuseLockedFolder(dir)).not.toThrow();
    const holder = lockChild(dir, `await acquireFolderLock(dir, { operation: 'train' }); console.log('locked'); setInterval(() => {}, 1000);`);
    await until(() => holder.stdout().includes('locked'), 'the child to take the lock');
    expect(() => refuseLockedFolder(dir)).toThrow(`${dir}: lock = "held by pid ${holder.child.pid} for train since`);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(() => refuseLockedFolder(dir)).not.toThrow();
    const own = await acquireFolderLock(dir, { operation: 'train', onStale: () => {} });
    expect(() => refuseLockedFolder(dir)).not.toThrow();
    await own.release();
  });

  it('releases the lock when its process exits, even through an uncaught error', async () => {
    const dir = await tempDir();
    const child = lockChild(dir, `await acquireFolderLock(dir, { operation: 'study' }); throw new Error('crash after locking');`);
    expect((await child.exited).code).toBe(1);
    expect(child.stderr()).toContain('crash after locking');
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(!LINUX)('treats a live pid with another start time as stale, and one with its own start time as the holder (reads /proc: Linux only)', async () => {
    const live = sleeper();
    try {
      await until(() => existsSync(`/proc/${live.pid}/stat`), 'the sleeper');
      const dir = await tempDir();
      await plantLock(dir, { pid: live.pid, startTime: procStartTime(live.pid!) });
      await expect(acquireFolderLock(dir, { operation: 'x' })).rejects.toThrow(`lock = "held by pid ${live.pid} for planted since 2024-01-01T00:00:00.000Z"; expected no other writer of this folder: wait for it to finish, or stop that process (kill ${live.pid})`);

      await plantLock(dir, { pid: live.pid, startTime: '1' });
      const messages: string[] = [];
      await (await acquireFolderLock(dir, { operation: 'x', onStale: (m) => messages.push(m) })).release();
      expect(messages).toEqual([`${dir}: took over the lock of pid ${live.pid} (planted since 2024-01-01T00:00:00.000Z), whose pid now belongs to another process`]);
    } finally {
      live.kill();
    }
  });

  it('refuses a lock held on another machine, which it cannot ask', async () => {
    const dir = await tempDir();
    await plantLock(dir, { pid: 999_999, hostname: 'elsewhere' });
    await expect(acquireFolderLock(dir, { operation: 'x' })).rejects.toThrow(`held by pid 999999 on elsewhere for planted since 2024-01-01T00:00:00.000Z"; expected no other writer of this folder: wait for it to finish, or stop that process on elsewhere (if it is gone, delete ${path.join(dir, LOCK_FILE)})`);
  });

  it('takes over a stale lock whose earlier taker died midway, leaving no marker behind', async () => {
    const dir = await tempDir();
    const gone = spawn(process.execPath, ['-e', '']);
    const pid = await new Promise<number>((resolve) => gone.on('exit', () => resolve(gone.pid!)));
    await plantLock(dir, { pid, token: '00000000000000aa' });
    await writeFile(path.join(dir, `${LOCK_FILE}.00000000000000aa.takeover`), JSON.stringify({ pid, startTime: null, thread: 0, tid: null, threadStartTime: null, hostname: hostname(), operation: 'x', token: '00000000000000bb', since: '2024-01-01T00:00:00.000Z' }));
    const messages: string[] = [];
    const lock = await acquireFolderLock(dir, { operation: 'x', onStale: (m) => messages.push(m) });
    expect(messages).toEqual([`${dir}: took over the lock of pid ${pid} (planted since 2024-01-01T00:00:00.000Z), which is no longer running`]);
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    expect((await readHolder(dir)).token).toBe(lock.holder.token);
    await lock.release();
  });

  it('takes over an unreadable lock file once it is too old to be still being written', async () => {
    const dir = await tempDir();
    const file = path.join(dir, LOCK_FILE);
    await writeFile(file, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const messages: string[] = [];
    await (await acquireFolderLock(dir, { operation: 'x', onStale: (m) => messages.push(m) })).release();
    expect(messages).toEqual([`${dir}: took over the lock ${LOCK_FILE}, an unreadable lock file (left by a process that died while writing it)`]);
  });

  /** Children that all try the lock at the same instant; a winner holds it until told to let go. */
  async function race(dir: string, children: number) {
    const script = `
      const at = Number(process.env.START_AT);
      while (Date.now() < at);
      try {
        const lock = await acquireFolderLock(dir, { operation: 'race', onStale: (m) => console.log('stale ' + m) });
        console.log('won');
        process.stdin.once('data', () => lock.release().then(() => process.exit(0)));
      } catch (e) {
        console.log('refused ' + e.message);
        process.exit(0);
      }`;
    const env = { START_AT: String(Date.now() + 2500) };
    const racers = Array.from({ length: children }, () => lockChild(dir, script, env));
    await until(() => racers.every((r) => /^(won|refused)/m.test(r.stdout())), 'every racer to finish trying');
    racers.forEach((r) => r.child.stdin!.end('go\n'));
    await Promise.all(racers.map((r) => r.exited));
    return racers.map((r) => ({ pid: r.child.pid!, out: r.stdout(), err: r.stderr() }));
  }

  it('of four child processes racing for a free folder, exactly one wins and the others name it', async () => {
    const dir = path.join(await tempDir(), 'run');
    const results = await race(dir, 4);
    const winners = results.filter((r) => /^won$/m.test(r.out));
    expect(winners, JSON.stringify(results)).toHaveLength(1);
    for (const loser of results.filter((r) => r !== winners[0])) expect(loser.out).toContain(`held by pid ${winners[0].pid} for race`);
    // Which racer's mkdir made the folder is a race too, so it may outlive the lock (empty); the lock file must not.
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('of four child processes racing to take over a stale lock, exactly one takes it over', async () => {
    const dir = await tempDir();
    const dead = lockChild(dir, `await acquireFolderLock(dir, { operation: 'train' }); process.kill(process.pid, 'SIGKILL');`);
    expect((await dead.exited).signal).toBe('SIGKILL');
    const results = await race(dir, 4);
    const winners = results.filter((r) => /^won$/m.test(r.out));
    expect(winners, JSON.stringify(results)).toHaveLength(1);
    expect(results.filter((r) => r.out.includes('stale '))).toEqual([winners[0]]);
    expect(winners[0].out).toContain(`took over the lock of pid ${dead.child.pid} (train since`);
    expect(await readdir(dir)).toEqual([]);
  });

  /** A worker thread of this process that takes the lock of `dir` and keeps running. */
  async function lockingWorker(dir: string) {
    const worker = new Worker(`import(${JSON.stringify(COMPILED)}).then(async ({ acquireFolderLock }) => {
      const { parentPort, workerData } = require('node:worker_threads');
      const lock = await acquireFolderLock(workerData, { operation: 'train' });
      parentPort.postMessage(lock.holder);
      setInterval(() => {}, 1000);
    });`, { eval: true, workerData: dir });
    const holder = await new Promise<LockHolder>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    return { worker, holder };
  }

  it('a lock taken in a worker thread refuses the main thread of the same process', async () => {
    const dir = await tempDir();
    const { worker, holder } = await lockingWorker(dir);
    expect(holder).toMatchObject({ pid: process.pid, thread: worker.threadId });
    await expect(acquireFolderLock(dir, { operation: 'report' })).rejects.toThrow(`held by this process (pid ${process.pid}, thread ${worker.threadId}) for train`);
    await worker.terminate();
  });

  it.skipIf(!LINUX)('a lock of a worker terminated while holding it is stale, though its process lives (reads /proc: Linux only)', async () => {
    const dir = await tempDir();
    const { worker, holder } = await lockingWorker(dir);
    await worker.terminate();
    const messages: string[] = [];
    await (await acquireFolderLock(dir, { operation: 'report', onStale: (m) => messages.push(m) })).release();
    expect(messages).toEqual([`${dir}: took over the lock of pid ${process.pid} (train since ${holder.since}), whose thread ${holder.thread} has ended (a worker stopped without releasing it)`]);
  });
});
