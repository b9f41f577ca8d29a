import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { app, protocol } from 'electron';
import { contentSecurityPolicy } from '../src/api/csp.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';
import { rendererDir } from './paths.js';

/** The page may talk only to itself: IPC needs no network, so connect-src stays 'self'. */
const CSP = contentSecurityPolicy({ connect: [] });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Registers app:// as a standard, secure scheme (it must happen before `ready`) and, once
 * ready, serves the built renderer from it, so the window never loads file:// (which would
 * give the page the whole disk as its origin).
 */
export function setupProtocol(root: string = rendererDir()): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  void app.whenReady().then(() => protocol.handle(APP_SCHEME, (request) => serveRenderer(root, request)));
}

/**
 * One app:// response: a file inside `root` (index.html for the bare origin), or 404 for
 * anything else — another host, `..` in any encoding, a symlink out of `root`, a folder.
 * Every response carries the CSP header.
 */
export async function serveRenderer(root: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'method not allowed');
  const file = await resolveInside(root, request.url);
  if (!file) return respond(404, 'not found');
  const body = request.method === 'HEAD' ? null : await readFile(file);
  return respond(200, body, TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
}

async function resolveInside(root: string, url: string): Promise<string | null> {
  let parsed: URL;
  let relative: string;
  try {
    parsed = new URL(url);
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${relative}`);
  if (!inside(base, file)) return null;
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)]);
    if (!inside(realBase, realFile) || !(await stat(realFile)).isFile()) return null;
    return realFile;
  } catch {
    return null;
  }
}

const inside = (base: string, file: string) => {
  const rel = path.relative(base, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
};

function respond(status: number, body: string | Buffer | null, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body === null ? null : typeof body === 'string' ? body : new Uint8Array(body), {
    status,
    headers: { 'content-type': type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' },
  });
}
