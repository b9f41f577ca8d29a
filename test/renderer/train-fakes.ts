/**
 * A fake API client for the Design and Train component tests: every channel method checks the
 * request against the contract (so a screen cannot send what the app would refuse), answers
 * with the test's handler checked against the response schema, and records the call; events
 * are checked against the event schema before they reach the listeners.
 */
import { createApp } from 'vue';
import {
  CHANNEL_NAMES, methodName, parseEvent, parseRequest, parseResponse,
  type ApiClient, type ApiEvent, type ChannelName, type ChannelRequest, type ChannelResponse,
} from '../../src/api/index.js';
import { CLIENT_KEY } from '../../renderer/src/client/inject.js';
import { useJobs } from '../../renderer/src/store/jobs.js';
import { useSession } from '../../renderer/src/store/session.js';

export type Handlers = { [C in ChannelName]?: (request: ChannelRequest<C>) => ChannelResponse<C> | Promise<ChannelResponse<C>> };

export interface FakeClient {
  client: ApiClient;
  calls: { channel: ChannelName; request: unknown }[];
  callsTo<C extends ChannelName>(channel: C): ChannelRequest<C>[];
  emit(event: ApiEvent): void;
}

export function fakeClient(handlers: Handlers): FakeClient {
  const listeners = new Set<(event: ApiEvent) => void>();
  const calls: FakeClient['calls'] = [];
  const methods: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    methods[methodName(channel)] = async (request: unknown) => {
      calls.push({ channel, request: structuredClone(request) });
      parseRequest(channel, request);
      const handler = handlers[channel] as ((r: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`the test did not expect a call to ${channel}`);
      return parseResponse(channel, await handler(request));
    };
  }
  const client = {
    ...methods,
    onEvent(listener: (event: ApiEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ApiClient;
  return {
    client,
    calls,
    callsTo: <C extends ChannelName>(channel: C) => calls.filter((c) => c.channel === channel).map((c) => c.request as ChannelRequest<C>),
    emit(event) {
      const checked = parseEvent(event);
      for (const l of [...listeners]) l(checked);
    },
  };
}

/** The session and jobs stores the screens will share for this client (the stores are one per client). */
export function storesOf(client: ApiClient) {
  const app = createApp({});
  app.provide(CLIENT_KEY, client);
  return app.runWithContext(() => ({ session: useSession(), jobs: useJobs() }));
}

/** Mount options providing the client, with echarts' component stubbed (happy-dom has no canvas). */
export function withClient(client: ApiClient) {
  return { global: { provide: { [CLIENT_KEY as symbol]: client }, stubs: { VChart: true, Echarts: true } } };
}
