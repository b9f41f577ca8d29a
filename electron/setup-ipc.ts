import { ipcMain } from 'electron';
import { CHANNEL_NAMES } from '../src/api/index.js';
import type { Service } from '../src/service/types.js';
import { forbiddenSender } from './envelopes.js';
import { isTrustedSender } from './sender.js';

/**
 * One `ipcMain.handle` per contract channel, each checking that the call comes from the app's
 * own frame and then forwarding to the service, which validates the request and the response.
 * Every answer is an envelope (src/api `envelope`), never a rejection.
 */
export function setupIpc(service: Service): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, request: unknown) => (isTrustedSender(event) ? service.call(channel, request) : forbiddenSender(channel)));
  }
}
