/**
 * A fake API client for the component tests: each channel method checks its request against the
 * contract (so a screen cannot send what the app would refuse), answers with the test's handler
 * (checked against the response schema) and records the call; events are checked against the
 * event schema before they reach the listeners.
 */
import { flushPromises } from '@vue/test-utils';
import { createApp } from 'vue';
import {
  CHANNEL_NAMES, methodName, parseEvent, parseRequest, parseResponse,
  type ApiClient, type ApiEvent, type ChannelName, type ChannelRequest, type ChannelResponse,
} from '../../src/api/index.js';
import { CLIENT_KEY } from '../../renderer/src/client/inject.js';
import { useJobs } from '../../renderer/src/store/jobs.js';
import { useSession } from '../../renderer/src/store/session.js';

export type Answers = { [C in ChannelName]?: (request: ChannelRequest<C>) => ChannelResponse<C> | Promise<ChannelResponse<C>> };

export function fakeApi(answers: Answers) {
  const listeners = new Set<(event: ApiEvent) => void>();
  const calls: { channel: ChannelName; request: unknown }[] = [];
  const methods: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    methods[methodName(channel)] = async (request) => {
      // A copy (JSON: requests may be reactive proxies, which structuredClone refuses), so later edits do not rewrite history.
      calls.push({ channel, request: request === undefined ? undefined : JSON.parse(JSON.stringify(request)) });
      parseRequest(channel, request);
      const answer = answers[channel] as ((r: unknown) => unknown) | undefined;
      if (!answer) throw new Error(`the test did not expect a call to ${channel}`);
      return parseResponse(channel, await answer(request));
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
    /** Delivers an event (checked like the real clients do) and lets the screens react. */
    async emit(event: ApiEvent) {
      const checked = parseEvent(event);
      for (const listener of [...listeners]) listener(checked);
      await flushPromises();
    },
    /** What `mount` needs to give the component this client. */
    global: { provide: { [CLIENT_KEY as symbol]: client } },
  };
}

/** The stores the components will share for this client (one of each per client), outside any component. */
export function storesOf(client: ApiClient) {
  const app = createApp({});
  app.provide(CLIENT_KEY, client);
  return app.runWithContext(() => ({ session: useSession(), jobs: useJobs() }));
}

/** Mount options providing the client, with echarts' component stubbed (happy-dom has no canvas). */
export function withClient(client: ApiClient) {
  return { global: { provide: { [CLIENT_KEY as symbol]: client }, stubs: { VChart: true, Echarts: true } } };
}
