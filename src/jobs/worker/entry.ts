// The job worker's entry module. worker_threads (the CLI, browser mode) and Electron's
// utilityProcess (the app) both run this file; it serves whichever channel its host offers,
// and only when the host says it is a job worker, so that a stray import serves nothing:
// a worker thread by its workerData, a utility process (which has no workerData) by its
// argument: `utilityProcess.fork(entry, [WORKER_MARKER])`.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { electronPort, WORKER_MARKER } from './port.js';
import { serveJobs } from './serve.js';

const asWorkerThread = workerData === WORKER_MARKER && parentPort;
const asUtilityProcess = isMainThread && process.argv.includes(WORKER_MARKER);
const port = asWorkerThread ? parentPort : asUtilityProcess ? electronPort() : null;
if (port) serveJobs(port);
