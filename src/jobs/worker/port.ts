/**
 * The little a job worker needs of its host's channel: both worker_threads' parentPort
 * and (through `electronPort`) Electron's utilityProcess `process.parentPort` fit.
 */
export interface HostPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * How a host says "you are a job worker", so that a stray import of the entry serves nothing:
 * a worker thread's workerData, or a utility process's argument (`utilityProcess.fork(entry, [WORKER_MARKER])`).
 */
export const WORKER_MARKER = 'saliency-studio-job-worker';

/** Electron's utilityProcess parent port: messages arrive wrapped as `{ data, ports }`. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** The port of an Electron utility process, or null elsewhere (no Electron import needed). */
export function electronPort(): HostPort | null {
  const parent = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (!parent) return null;
  return {
    postMessage: (message) => parent.postMessage(message),
    on: (_event, listener) => parent.on('message', (event) => listener(event.data)),
  };
}
