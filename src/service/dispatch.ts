import { ApiPayloadError, checkChannel, parseRequest, parseResponse, type ChannelName } from '../api/index.js';
import type { Handler, Handlers, ServiceContext } from './context.js';
import { toErrorData } from './error-data.js';
import type { ApiResult } from './types.js';

/**
 * Answers one call: the channel and request checked against the contract, the handler run,
 * its response checked too. Every failure becomes an answer, never a rejection; a response
 * that breaks its own schema is the service's bug, answered INTERNAL (and logged once per channel).
 */
export function dispatcher(handlers: Handlers<ChannelName>, ctx: ServiceContext): (channel: unknown, request: unknown) => Promise<ApiResult> {
  const misfits = new Set<string>();
  return async (channel, request) => {
    let name: ChannelName | null = null;
    try {
      name = checkChannel(channel);
      const handler = handlers[name] as Handler<ChannelName>;
      const value = await handler(parseRequest(name, request) as never, ctx);
      try {
        return { ok: true, value: parseResponse(name, value) };
      } catch (err) {
        if (!(err instanceof ApiPayloadError)) throw err;
        if (!misfits.has(name)) {
          misfits.add(name);
          process.stderr.write(`saliency-studio: ${err.message}\n`);
        }
        return { ok: false, error: { name: 'Error', code: 'INTERNAL', message: err.message } };
      }
    } catch (err) {
      const error = toErrorData(err);
      if (error.code === 'INTERNAL') process.stderr.write(`saliency-studio: ${name ?? 'a call'} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      return { ok: false, error };
    }
  };
}
