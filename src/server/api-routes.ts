import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiPayloadError, type ApiErrorData } from '../api/index.js';
import { toErrorData } from '../service/error-data.js';
import type { ApiResult, Service } from '../service/types.js';

/** The largest request body: every contract request is small; a bigger one is refused (413). */
export const BODY_LIMIT = 1024 * 1024;

/**
 * `POST /api/<channel>` with a JSON body → `service.call` → the envelope. The status says
 * what kind of failure it was (400 a bad request, 404 no such channel); an app error (a broken
 * study, a cancelled job) is a 200 envelope with `ok: false`, as over IPC. Only JSON bodies are
 * read, so a form or text post from another page is refused (415) before anything runs.
 */
export function registerApiRoutes(app: FastifyInstance, service: Service, log: (line: string) => void): void {
  app.removeContentTypeParser('text/plain');

  app.post<{ Params: { channel: string } }>('/api/:channel', async (request, reply) => {
    const type = request.headers['content-type'];
    if (!isJson(type)) return sendError(reply, 415, payloadError(request, 'content-type', type ?? '(missing)', 'application/json'));
    const result = await service.call(request.params.channel, request.body);
    return reply.code(statusOf(result)).send(result);
  });

  app.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH'],
    url: '/api/*',
    handler: (request, reply) => {
      reply.header('allow', 'POST');
      return sendError(reply, 405, { name: 'Error', code: 'API_METHOD', message: `${request.method} ${request.url.split('?')[0]}: the API takes POST requests only (the events are a WebSocket).` });
    },
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) log(`server error on ${request.method} ${request.url.split('?')[0]}: ${error.stack ?? error.message}`);
    if (!request.url.startsWith('/api/')) return reply.code(status).type('text/plain; charset=utf-8').send(`${status === 500 ? 'Internal server error' : error.message}\n`);
    return sendError(reply, status, transportError(error, request, status));
  });
}

/**
 * The status of a service answer; the body is the contract's envelope either way, so a client
 * reads every answer the same. An app error (a broken study, a cancelled job) is a 200.
 */
function statusOf(result: ApiResult): number {
  if (result.ok) return 200;
  return STATUS_BY_CODE[result.error.code] ?? 200;
}

const STATUS_BY_CODE: Record<string, number> = { API_PAYLOAD: 400, API_CHANNEL: 404, INTERNAL: 500 };

/** A body fastify refused before the route ran (too large, not JSON, not parseable), as the envelope's error. */
function transportError(error: FastifyError, request: FastifyRequest, status: number): ApiErrorData {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return payloadError(request, 'body', `${request.headers['content-length'] ?? 'more than'} bytes`, `at most ${BODY_LIMIT} bytes (1 MiB)`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return payloadError(request, 'content-type', request.headers['content-type'] ?? '(missing)', 'application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return payloadError(request, 'body', '(not parseable)', 'valid JSON, without __proto__ or constructor.prototype keys');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return payloadError(request, 'body', '(empty)', 'a JSON object');
    default:
      return status === 500 ? { name: 'Error', code: 'INTERNAL', message: 'Internal server error' } : { name: 'Error', code: 'API_HTTP', message: error.message };
  }
}

function payloadError(request: FastifyRequest, field: string, value: string, expected: string): ApiErrorData {
  const channel = request.url.split('?')[0].slice('/api/'.length).slice(0, 60);
  return toErrorData(new ApiPayloadError('API_PAYLOAD', `request to ${channel}`, field, value, expected));
}

function sendError(reply: FastifyReply, status: number, error: ApiErrorData): FastifyReply {
  return reply.code(status).send({ ok: false, error });
}

function isJson(type: string | undefined): boolean {
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}
