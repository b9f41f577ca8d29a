import type { ApiErrorData, ApiEvent, ChannelName, ChannelRequest } from '../api/index.js';
import type { JobLauncher } from '../jobs/worker/host.js';
import type { FolderFile } from './handlers/files.js';

export type { FolderFile, JobLauncher };

/** Every answer of `Service.call`: never a rejection, so a transport only forwards it. */
export type ApiResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

export interface ServiceOptions {
  mode: 'browser' | 'electron';
  /** The workspace folder (made a workspace when it is not one yet). */
  workspace: string;
  /** Folders the folder browser may show and handles may point into (the workspace is always one). */
  roots: string[];
  /** The app's version, shown by `app.info`. */
  version: string;
  /** How worker operations are started (default: worker_threads, src/jobs/worker/host.ts). */
  launcher?: JobLauncher;
  /** The native open dialog (Electron): an absolute path, or null when the user cancelled. */
  pick?: (request: ChannelRequest<'files.pick'>) => Promise<string | null>;
  /** Opens a file or folder with the system's app (Electron's shell.openPath); absent in browser mode, where files.open answers a URL. */
  openPath?: (absolutePath: string) => Promise<void>;
  /**
   * Prints a report's self-contained HTML to PDF (Electron's webContents.printToPDF), writing
   * `pdfFile` atomically; absent in browser mode, where the report's PDF is printed by Chromium through playwright-core.
   */
  printPdf?: (htmlFile: string, pdfFile: string, signal: AbortSignal) => Promise<void>;
}

/**
 * The app behind every transport: one `call` per contract channel, events to listeners. The
 * Electron IPC handlers and the browser-mode HTTP routes only check their caller and forward.
 */
export interface Service {
  /** Checks the channel name and the request, runs the handler, checks the response. Never rejects. */
  call(channel: unknown, request: unknown): Promise<ApiResult>;
  /** Subscribes to every event (jobs' progress, training, workspace changes); returns the unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** A handle for a path that came from the main process itself (its dialog, a drop the shell verified). */
  issueHandle(absolutePath: string): string;
  /**
   * A folder handle and a file name in it, resolved as `files.open` does (inside the roots,
   * nothing outside the folder): what the browser-mode /files route serves. Absent on a
   * service that serves no files.
   */
  resolveFile?(handle: string, file?: string): Promise<FolderFile>;
  /** Cancels running jobs and waits for them to end. */
  close(): Promise<void>;
}

export type { ApiEvent, ChannelName };
