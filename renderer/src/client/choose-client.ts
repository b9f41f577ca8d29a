import type { ApiClient } from '../../../src/api/index.js';
import { openConnection, type Connection } from './connection.js';
import { createHttpClient } from './http-client.js';
import { createIpcClient } from './ipc-client.js';

/** The client for where the page runs: Electron's preload when `window.api` exists, else browser mode. */
export function chooseClient(): { client: ApiClient; connection: Connection } {
  if (window.api) return { client: createIpcClient(window.api), connection: openConnection() };
  const { client, connection } = createHttpClient();
  return { client, connection };
}
