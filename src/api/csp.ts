/**
 * The Content-Security-Policy of every page the app shows: one builder shared by the browser-mode
 * server (response header), the Electron shell and the renderer's meta tag, so the three never
 * drift. Browser-safe. No `unsafe-eval` and no remote origin: scripts, styles and data come from
 * the app itself; `connect` adds what the page may open besides 'self' (the events WebSocket).
 */
export function contentSecurityPolicy({ connect }: { connect: string[] }): string {
  for (const source of connect) {
    if (!/^[a-z][a-z0-9+.-]*:(\/\/[^\s;,']+)?$/i.test(source)) throw new Error(`CSP connect source ${JSON.stringify(source)}: expected a scheme or scheme://host[:port]`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ['connect-src', "'self'", ...connect].join(' '),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
