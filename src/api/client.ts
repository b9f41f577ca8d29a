import type { ChannelName, ChannelRequest, ChannelResponse, MethodName } from './channels.js';
import type { ApiEvent } from './validate.js';

/** One function per channel, as the preload exposes them and both clients implement them. */
export type ApiMethods = { [C in ChannelName as MethodName<C>]: (request: ChannelRequest<C>) => Promise<ChannelResponse<C>> };

/**
 * What a renderer talks to: the channel methods, and a subscription to events (returns the
 * unsubscribe). Failed calls reject with ApiCallError.
 */
export type ApiClient = ApiMethods & { onEvent(listener: (event: ApiEvent) => void): () => void };
