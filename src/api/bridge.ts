import type { ChannelName, ChannelRequest, MethodName } from './channels.js';
import type { ApiErrorData } from './errors.js';
import type { ApiEvent } from './validate.js';

/**
 * What a call over the Electron bridge resolves to. Errors thrown across contextBridge lose
 * their class and fields, so the preload never throws: it resolves to this envelope and the
 * renderer's client unwraps it (checking `value` with parseResponse, throwing ApiCallError).
 */
export type ApiEnvelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** A file or folder dropped on the window, as main answers it: a handle, as its dialog would give. */
export interface DroppedFile {
  handle: string;
  /** To show (never sent back). */
  path: string;
  kind: 'file' | 'folder';
}

/** Commands of the application menu that the renderer carries out. */
export const MENU_COMMANDS = ['open-study'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * The page global `api` in Electron (electron/preload.ts): one function per channel, named
 * methodName(channel), each resolving to an envelope (a request that fails its schema is
 * refused in the preload, as an `API_PAYLOAD` error envelope); events; drops; menu commands.
 */
export type ApiBridge = { [C in ChannelName as MethodName<C>]: (request: ChannelRequest<C>) => Promise<ApiEnvelope> } & {
  /** Each event, checked with parseEvent (a malformed one is dropped and logged); returns the unsubscribe. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  filesFromDrop(file: File): Promise<ApiEnvelope<DroppedFile>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};
