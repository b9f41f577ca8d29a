import { effectScope } from 'vue';
import type { ApiClient } from '../../../src/api/index.js';
import { useClient } from '../client/inject.js';

/**
 * A store shared by every component of one client (and only of it: each test's fake client gets
 * its own), created on first use inside a detached effect scope so it outlives the component
 * that first asked. Call the returned function in a component's setup.
 */
export function perClient<S>(create: (client: ApiClient) => S): () => S {
  const stores = new WeakMap<ApiClient, S>();
  return () => {
    const client = useClient();
    let store = stores.get(client);
    if (store === undefined) stores.set(client, (store = effectScope(true).run(() => create(client))!));
    return store;
  };
}
