import { fileURLToPath } from 'node:url';
import { utilityProcess } from 'electron';
import { jobWorkerEntry } from '../../src/jobs/worker/entry-path.js';
import { WORKER_MARKER } from '../../src/jobs/worker/port.js';
import { superviseJob } from '../../src/jobs/worker/supervise.js';
import type { JobLauncher } from '../../src/service/types.js';

/**
 * The app's JobLauncher: the same job-worker entry the CLI and browser mode run in a worker
 * thread, here in an Electron utility process (a separate OS process, so a crash or an
 * out-of-memory in training cannot take the window down). Messages go over the process's
 * parent port and are checked exactly as in a worker thread (src/jobs/worker/supervise.ts);
 * the process ending before done or failed rejects with a WorkerExitError, `resumable` as the
 * operation is, so the UI offers to resume a training run.
 */
export const utilityLauncher: JobLauncher = (operation, args, options = {}) => {
  const child = utilityProcess.fork(fileURLToPath(jobWorkerEntry()), [WORKER_MARKER], { serviceName: 'Saliency Studio job', stdio: 'pipe' });
  const output = options.console ?? process.stderr;
  child.stdout?.pipe(output, { end: false });
  child.stderr?.pipe(output, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return superviseJob(operation, args, options, {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onCrash: (listener) => child.on('error', (type, location) => listener(`${type} at ${location}`)),
    onExit: (listener) => child.on('exit', listener),
    // kill() is false once the process has gone; then there is no exit left to wait for.
    terminate: async () => {
      if (child.kill()) await exited;
    },
  });
};
