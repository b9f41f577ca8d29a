/** The app behind every transport (Electron IPC, the browser-mode server): one `call` per contract channel. */
export { createService } from './create-service.js';
export { toErrorData } from './error-data.js';
export type { ApiResult, JobLauncher, Service, ServiceOptions } from './types.js';
