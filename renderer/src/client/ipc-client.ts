import { CHANNEL_NAMES, methodName, parseEvent, type ApiClient, type ApiEvent, type ChannelName } from '../../../src/api/index.js';
import { checkRequest, toCallError, unwrapEnvelope } from './call-error.js';
import type { ApiBridge } from './window-api.js';

/**
 * The contract over the Electron preload's `window.api`: each call's envelope is checked and
 * unwrapped here into the value or an ApiCallError with its fields, as the HTTP client does.
 */
export function createIpcClient(api: ApiBridge): ApiClient {
  async function call(channel: ChannelName, request: unknown): Promise<unknown> {
    const checked = checkRequest(channel, request);
    const method = (api as unknown as Record<string, (request: unknown) => Promise<unknown>>)[methodName(channel)];
    let answer: unknown;
    try {
      answer = await method(checked);
    } catch (error) {
      throw toCallError(error);
    }
    return unwrapEnvelope(channel, answer);
  }

  function onEvent(listener: (event: ApiEvent) => void): () => void {
    // The preload checks events too; checked again here, as every boundary does.
    return api.onEvent((raw: unknown) => {
      let event: ApiEvent;
      try {
        event = parseEvent(raw);
      } catch (error) {
        console.warn('Dropped a malformed event:', error instanceof Error ? error.message : error);
        return;
      }
      listener(event);
    });
  }

  const methods = Object.fromEntries(CHANNEL_NAMES.map((channel) => [methodName(channel), (request: unknown) => call(channel, request)]));
  return { ...methods, onEvent } as unknown as ApiClient;
}
