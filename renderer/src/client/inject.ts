import { inject, type InjectionKey } from 'vue';
import type { ApiClient } from '../../../src/api/index.js';
import { openConnection, type Connection } from './connection.js';

/** The one client of the app, provided by main.ts (tests provide a fake). */
export const CLIENT_KEY: InjectionKey<ApiClient> = Symbol('api-client');

/** The transport's health, provided by main.ts; absent (tests, Electron) reads as always open. */
export const CONNECTION_KEY: InjectionKey<Connection> = Symbol('api-connection');

/** The client a component talks to; a component mounted without one is a wiring bug, so it throws. */
export function useClient(): ApiClient {
  const client = inject(CLIENT_KEY, null);
  if (!client) throw new Error('No API client provided: mount the app through main.ts, or provide CLIENT_KEY in the test');
  return client;
}

/** Whether events are flowing (the banner and the header's indicator read it). */
export function useConnection(): Connection {
  return inject(CONNECTION_KEY, null) ?? openConnection();
}
