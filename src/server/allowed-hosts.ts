import { hostname, networkInterfaces } from 'node:os';

/** Whether `host` (a --host value) only listens on this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Whether `host` listens on every interface (0.0.0.0, ::). */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `host:port` as it appears in a Host header and a URL: IPv6 literals in brackets. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The Host header values the server answers (DNS rebinding: a page of another site that
 * resolves to this machine sends its own name and is refused). Loopback names always; with
 * --host, that host; bound to every interface, this machine's addresses and name.
 */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1'];
  if (isWildcardHost(bindHost)) {
    names.push(hostname());
    for (const list of Object.values(networkInterfaces())) for (const iface of list ?? []) names.push(iface.address.replace(/%.*$/, ''));
  } else {
    names.push(bindHost);
  }
  return new Set(names.map((n) => hostPort(n.toLowerCase(), port)));
}
