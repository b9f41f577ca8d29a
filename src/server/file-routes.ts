import type { FastifyInstance, FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { FolderFile, Service } from '../service/types.js';

/**
 * What a served file may do: run its own inline scripts and styles and show data: images, as
 * a report's self-contained HTML needs, in a sandbox without the app's origin, so it can
 * neither read the session cookie nor call the API, and load nothing from anywhere.
 */
export const FILE_CSP = "sandbox allow-scripts; default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Browser mode's `files.open`: `GET /files/<folder handle>/<file>` serves one file directly
 * inside a folder the service issued a handle for (`index`: the folder's listing, unless it
 * holds a file of that name), behind the same Host and token checks as the API (the global
 * hooks), with the sandboxing FILE_CSP instead of the app's.
 */
export function registerFileRoutes(app: FastifyInstance, service: Service): void {
  app.get<{ Params: { handle: string; file: string } }>('/files/:handle/:file', {
    // Route hooks run after the app's, so this CSP replaces the page's on every answer of the route.
    onSend: async (_request, reply) => {
      reply.header('content-security-policy', FILE_CSP);
      reply.header('x-content-type-options', 'nosniff');
    },
  }, async (request, reply) => {
    if (!service.resolveFile) return notFound(reply, 'this server serves no files');
    let target: FolderFile;
    try {
      target = await service.resolveFile(request.params.handle, request.params.file);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const status = err.code === 'FILE_OUTSIDE_ROOTS' ? 403 : 404;
      return reply.code(status).type('text/plain; charset=utf-8').send(`${status === 403 ? 'Forbidden' : 'Not found'}: ${err.message}\n`);
    }
    if (target.kind === 'folder') return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(listingPage(target));
    const type = TYPES[path.extname(target.path).toLowerCase()] ?? 'application/octet-stream';
    return reply.type(type).header('cache-control', 'no-store').send(createReadStream(target.path));
  });
}

function notFound(reply: FastifyReply, why: string): FastifyReply {
  return reply.code(404).type('text/plain; charset=utf-8').send(`Not found: ${why}\n`);
}

/** A plain page linking the folder's files (relative links, so they stay under the same handle). */
function listingPage(folder: Extract<FolderFile, { kind: 'folder' }>): string {
  const items = folder.files.map((name) => `<li><a href="${encodeURIComponent(name)}">${escapeHtml(name)}</a></li>`).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(path.basename(folder.path))}</title></head>\n<body><h1>${escapeHtml(folder.path)}</h1>\n<ul>\n${items}\n</ul></body></html>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
