import { contentSecurityPolicy } from '../api/csp.js';

/**
 * Headers on every response: the CSP (the page may open its own events WebSocket and nothing
 * remote), no MIME sniffing, no referrer, and no embedding or reading from another origin.
 * No CORS header is ever sent, so other origins cannot read any answer.
 */
export function securityHeaders(hostPort: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy({ connect: [`ws://${hostPort}`] }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
