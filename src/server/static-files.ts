import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** What `/` answers before the renderer is built: a page that says how to build it. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Saliency Studio: renderer not built</title></head>
<body><h1>Saliency Studio</h1><p>renderer not built: npm run build</p>
<p>Then restart the server (<code>npm run serve</code>) and open the address it prints.</p></body></html>
`;

/**
 * The built renderer: its files under `staticDir` (never outside: @fastify/static resolves
 * every path inside the root and refuses `..`), and `index.html` for `/` and every other GET
 * that is not the API (the app routes in the page). Without a build, a 503 page says what to run.
 */
export async function registerStaticFiles(app: FastifyInstance, staticDir: string): Promise<void> {
  const root = path.resolve(staticDir);
  const built = existsSync(root);
  await app.register(fastifyStatic, { root, serve: built, index: false, wildcard: true, redirect: false, dotfiles: 'ignore', serveDotFiles: false, list: false });

  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    if (!existsSync(path.join(root, 'index.html'))) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    // The page names its hashed assets; it must be fetched again after a rebuild.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });
  };
  app.get('/', sendIndex);
  app.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !/^\/api(\/|$|\?)/.test(request.url);
    if (isPage) return sendIndex(request, reply);
    return reply.code(404).type('text/plain; charset=utf-8').send(`Not found: ${request.method} ${request.url.split('?')[0].slice(0, 200)}\n`);
  });
}
