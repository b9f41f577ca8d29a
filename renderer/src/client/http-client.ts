import { ApiCallError, CHANNEL_NAMES, methodName, type ApiClient, type ChannelName } from '../../../src/api/index.js';
import { checkRequest, unwrapEnvelope } from './call-error.js';
import { createConnection, type Connection } from './connection.js';
import { createEventSocket } from './event-socket.js';

export interface HttpClientOptions {
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** Where the page was served from (default: `window.location`). */
  location?: Pick<Location, 'protocol' | 'host'>;
}

/**
 * The contract over browser mode's HTTP routes (`POST /api/<channel>`, the session cookie set by
 * the server) and its event WebSocket (`/api/events`). Every request is checked before it is
 * sent and every answer before it is returned, so a screen sees only valid data or ApiCallError.
 */
export function createHttpClient(options: HttpClientOptions = {}): { client: ApiClient; connection: Connection; close(): void } {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const location = options.location ?? window.location;
  const connection = createConnection('connecting');
  const events = createEventSocket({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`,
    connection,
    WebSocket: options.WebSocket,
  });

  async function call(channel: ChannelName, request: unknown): Promise<unknown> {
    const body = JSON.stringify(checkRequest(channel, request));
    let response: Response;
    try {
      response = await doFetch(`/api/${channel}`, {
        method: 'POST', body, credentials: 'same-origin', headers: { 'content-type': 'application/json' },
      });
    } catch (error) {
      throw new ApiCallError({
        name: 'NetworkError', code: 'NETWORK',
        message: `The app's server could not be reached (${error instanceof Error ? error.message : String(error)}); is \`npm run serve\` still running?`,
      });
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch {
      throw unreadable(channel, response.status);
    }
    return unwrapEnvelope(channel, answer);
  }

  const methods = Object.fromEntries(CHANNEL_NAMES.map((channel) => [methodName(channel), (request: unknown) => call(channel, request)]));
  const client = { ...methods, onEvent: events.subscribe } as unknown as ApiClient;
  return { client, connection, close: events.close };
}

function unreadable(channel: ChannelName, status: number): ApiCallError {
  if (status === 401 || status === 403) {
    return new ApiCallError({
      name: 'Error', code: 'UNAUTHORIZED',
      message: `The server refused ${channel} (HTTP ${status}): open the address with the token that \`npm run serve\` printed.`,
    });
  }
  return new ApiCallError({ name: 'Error', code: 'API_RESPONSE', message: `The answer to ${channel} (HTTP ${status}) is not JSON.` });
}
