import { fork, spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAtlas } from '../../src/app/atlas.js';
import { CONTRACTS } from '../../src/jobs/operations/contracts.js';
import { parseMessage } from '../../src/jobs/protocol/parse.js';
import { FROM_WORKER, workerMessage, type HostMessage, type WorkerMessage } from '../../src/jobs/protocol/schemas.js';
import { jobWorkerEntry } from '../../src/jobs/worker/entry-path.js';
import { WORKER_MARKER } from '../../src/jobs/worker/port.js';
import { lookupParcellation } from '../../src/study/parcellation-cache.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';
import { readReferenceMeans, writeRealStudy } from '../app/helpers/real-study.js';

// Electron's utilityProcess gives the worker `process.parentPort` (messages wrapped as
// { data, ports }) and no workerData. Here a preload stands in for it over child_process IPC,
// and the compiled entry (dist/, `npx tsc -p tsconfig.json` first) is started as Electron
// starts it: `utilityProcess.fork(entry, [WORKER_MARKER])`.
const PRELOAD = `
process.parentPort = {
  postMessage(message) { process.send(message); },
  on(event, listener) {
    process.stdout.write('parentPort.on(' + event + ')\\n');
    process.on('message', (data) => listener({ data, ports: [] }));
    return this;
  },
};
`;

let preload = '';
beforeAll(async () => {
  preload = path.join(await suiteTempDir(), 'fake-parent-port.mjs');
  await writeFile(preload, PRELOAD);
});

/** The entry in a child process with the fake parentPort over IPC. */
function startEntry(args: string[]): ChildProcess {
  return fork(fileURLToPath(jobWorkerEntry()), args, {
    execArgv: ['--import', pathToFileURL(preload).href],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
}

/** The entry with the fake parentPort but no IPC channel: nothing keeps it alive, so it exits once idle. */
function startEntryWithoutChannel(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', pathToFileURL(preload).href, fileURLToPath(jobWorkerEntry()), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Sends `messages` and collects the checked replies up to `done` or `failed`, sending `onReply`'s answers too. */
function exchange(child: ChildProcess, messages: HostMessage[], onReply: (m: WorkerMessage) => HostMessage | null = () => null): Promise<WorkerMessage[]> {
  return new Promise((resolve, reject) => {
    const replies: WorkerMessage[] = [];
    child.on('message', (raw) => {
      try {
        const message = parseMessage(workerMessage, raw, FROM_WORKER);
        replies.push(message);
        if (message.kind === 'done' || message.kind === 'failed') resolve(replies);
        const answer = onReply(message);
        if (answer) child.send(answer);
      } catch (err) {
        reject(err);
      }
    });
    child.on('exit', (code) => reject(new Error(`the worker exited (code ${code}) before done or failed`)));
    for (const m of messages) child.send(m);
  });
}

/** Everything the child wrote to stdout, once it exited, and its exit code. */
function output(child: ChildProcess): Promise<{ stdout: string; code: number | null }> {
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ stdout, code })));
}

describe('the job worker entry in a utility process (process.parentPort, no workerData)', () => {
  it('runs parcellateStudy on a real 4-D run end to end over the protocol, every message carrying the job id', async () => {
    const root = await tempDir();
    const study = await writeRealStudy(root);
    const cacheDir = path.join(root, 'cache');
    const child = startEntry([WORKER_MARKER]);
    try {
      const replies = await exchange(child, [{ kind: 'start', jobId: 'j1', operation: 'parcellateStudy', args: { input: { dir: study.dir }, cacheDir } }]);
      const last = replies.at(-1)!;
      expect(last.kind).toBe('done');
      const result = parseMessage(CONTRACTS.parcellateStudy.result, last.kind === 'done' ? last.result : null, FROM_WORKER, ['result']);
      expect(result).toEqual({
        runs: [{ name: 'sub-01_task-demo', file: study.bold, fromCache: false, volumes: 24, regions: 116, vanished: [], warnings: [] }],
        imported: ['sub-02_task-demo'],
      });
      expect(replies.every((m) => m.jobId === 'j1')).toBe(true);
      const volumes = replies.filter((m) => m.kind === 'progress' && m.phase === 'volumes');
      expect(volumes.at(-1)).toMatchObject({ done: 24, total: 24, item: 'sub-01_task-demo' });
      const cached = await lookupParcellation(study.bold, await resolveAtlas(), cacheDir);
      readReferenceMeans().forEach((row, i) => row.means.forEach((m, t) => expect(Math.abs(cached!.means[i][t] - m)).toBeLessThan(1e-4)));
    } finally {
      child.kill();
    }
  });

  it('a cancel message stops the job within the run: failed, cancelled, resumable, and nothing cached', async () => {
    const root = await tempDir();
    const study = await writeRealStudy(root);
    const cacheDir = path.join(root, 'cache');
    const child = startEntry([WORKER_MARKER]);
    try {
      const cancelAtFirstVolume = (m: WorkerMessage): HostMessage | null => (m.kind === 'progress' && m.phase === 'volumes' && m.done === 1 ? { kind: 'cancel' } : null);
      const replies = await exchange(child, [{ kind: 'start', operation: 'parcellateStudy', args: { input: { dir: study.dir }, cacheDir } }], cancelAtFirstVolume);
      expect(replies.at(-1)).toMatchObject({ kind: 'failed', cancelled: true, resumable: true, error: { name: 'Cancelled' } });
      expect(replies.filter((m) => m.kind === 'progress' && m.phase === 'volumes').length).toBeLessThan(25);
      expect(await lookupParcellation(study.bold, await resolveAtlas(), cacheDir)).toBeNull();
    } finally {
      child.kill();
    }
  });

  it('serves the parent port only when started with the marker argument: a stray import listens to nothing', async () => {
    const stray = await output(startEntryWithoutChannel([]));
    expect(stray).toEqual({ stdout: '', code: 0 });
    const marked = await output(startEntryWithoutChannel([WORKER_MARKER]));
    expect(marked).toEqual({ stdout: 'parentPort.on(message)\n', code: 0 });
  });
});
