// The job worker's entry module. worker_threads (the CLI) and Electron's utilityProcess
// (the app) both run this file; it serves whichever channel its host offers.
import { parentPort, workerData } from 'node:worker_threads';
import { electronPort, WORKER_MARKER } from './port.js';
import { serveJobs } from './serve.js';

const port = parentPort && workerData === WORKER_MARKER ? parentPort : electronPort();
if (port) serveJobs(port);
