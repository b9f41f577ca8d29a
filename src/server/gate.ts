import { tokenMatches } from './session-token.js';

/** What every request and WebSocket must get past: the Host it names and the token it shows. */
export interface Gate {
  token: string;
  /** Host header values answered (allowed-hosts.ts). */
  allowedHosts: Set<string>;
}

/** Why a request is turned away: the status and one plain line for the person behind it. */
export interface Refusal {
  status: 401 | 403;
  message: string;
}

/** Refuses a Host header the server does not answer to (a DNS-rebinding page, a proxy that rewrote it). */
export function refuseHost(gate: Gate, host: string | undefined): Refusal | null {
  if (host !== undefined && gate.allowedHosts.has(host.toLowerCase())) return null;
  return { status: 403, message: `Forbidden: this server does not answer to the host ${JSON.stringify(host ?? '')}.` };
}

/** Refuses a missing or wrong session token. */
export function refuseToken(gate: Gate, token: string | undefined): Refusal | null {
  if (tokenMatches(gate.token, token)) return null;
  return {
    status: 401,
    message: token === undefined
      ? 'Unauthorized: open the address the server printed (it ends with ?token=…).'
      : 'Unauthorized: wrong session token; open the address the server printed at its last start.',
  };
}

/**
 * Refuses a WebSocket opened by a page of another origin: browsers send Origin on every
 * WebSocket, and only the app's own page (same scheme, host and port as the Host it reached) may listen.
 */
export function refuseOrigin(origin: string | undefined, host: string): Refusal | null {
  if (origin !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`) return null;
  return { status: 403, message: `Forbidden: WebSocket from origin ${JSON.stringify(origin ?? '')}; only the app's own page may connect.` };
}
