// The bridge between the sandboxed page and main, bundled into one CommonJS file
// (dist/electron/preload.cjs, scripts/bundle-preload.js): a sandboxed preload can require
// only `electron`. It exposes `window.api` (src/api ApiBridge): one function per contract
// channel, never a generic invoke(channel). Every function resolves to an envelope instead of
// throwing, because errors thrown across contextBridge lose their class and fields; the
// renderer's client unwraps it.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNEL_NAMES, MENU_COMMANDS, methodName, parseEvent, parseRequest, type ApiBridge, type ApiEnvelope, type ChannelName, type MenuCommand } from '../src/api/index.js';
import { toErrorData } from '../src/service/error-data.js';
import { DROP_CHANNEL, EVENT_CHANNEL, MENU_CHANNEL } from './ipc-names.js';

const failed = (err: unknown): ApiEnvelope => ({ ok: false, error: toErrorData(err) });

/** Checks the request against its channel's schema here, so a malformed one never reaches main. */
const call = (channel: ChannelName) => async (request: unknown): Promise<ApiEnvelope> => {
  try {
    parseRequest(channel, request);
  } catch (err) {
    return failed(err);
  }
  return (ipcRenderer.invoke(channel, request) as Promise<ApiEnvelope>).catch(failed);
};

/** Subscribes `listener` to `channel`'s messages that `accept` lets through; returns the unsubscribe. */
function subscribe<T>(channel: string, accept: (message: unknown) => T | undefined, listener: (value: T) => void): () => void {
  const handler = (_event: unknown, message: unknown) => {
    const value = accept(message);
    if (value !== undefined) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const checkedEvent = (message: unknown) => {
  try {
    return parseEvent(message);
  } catch (err) {
    console.error(`Saliency Studio: dropped a malformed event: ${(err as Error).message}`);
    return undefined;
  }
};

const menuCommand = (message: unknown) => (MENU_COMMANDS as readonly unknown[]).includes(message) ? (message as MenuCommand) : undefined;

const api = {
  ...Object.fromEntries(CHANNEL_NAMES.map((channel) => [methodName(channel), call(channel)])),
  onEvent: (listener) => subscribe(EVENT_CHANNEL, checkedEvent, listener),
  onMenuCommand: (listener) => subscribe(MENU_CHANNEL, menuCommand, listener),
  /** A dropped File's path goes to main, which checks it exists and answers with a handle (setup-dialogs.ts). */
  filesFromDrop: async (file) => {
    try {
      return (await ipcRenderer.invoke(DROP_CHANNEL, webUtils.getPathForFile(file))) as ApiEnvelope<never>;
    } catch (err) {
      return failed(err) as ApiEnvelope<never>;
    }
  },
} as ApiBridge;

contextBridge.exposeInMainWorld('api', api);
