import type { z } from 'zod';
import {
  ApiCallError, ApiPayloadError, CHANNELS, envelope, parseRequest, parseResponse,
  type ChannelName, type ChannelRequest, type ChannelResponse,
} from '../../../src/api/index.js';

/** An ApiCallError for anything a client catches, so a caller only ever handles one error type. */
export function toCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  if (error instanceof ApiPayloadError) {
    return new ApiCallError({
      name: error.name, code: error.code, message: error.message,
      input: { file: error.file, field: error.field, value: error.value, expected: error.expected },
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiCallError({ name: 'Error', code: 'INTERNAL', message });
}

/** The request as its channel's schema reads it; a bad one is refused here, before any transport. */
export function checkRequest<C extends ChannelName>(channel: C, request: unknown): ChannelRequest<C> {
  try {
    return parseRequest(channel, request);
  } catch (error) {
    throw toCallError(error);
  }
}

const envelopes = new Map<ChannelName, z.ZodType>();

/** The value of a valid `{ ok: true, value }` answer; an error answer or a malformed one throws ApiCallError. */
export function unwrapEnvelope<C extends ChannelName>(channel: C, body: unknown): ChannelResponse<C> {
  let schema = envelopes.get(channel);
  if (!schema) envelopes.set(channel, (schema = envelope(CHANNELS[channel].response)));
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badEnvelope(channel, body);
  const answer = parsed.data as { ok: true; value: ChannelResponse<C> } | { ok: false; error: ConstructorParameters<typeof ApiCallError>[0] };
  if (answer.ok) return answer.value;
  throw new ApiCallError(answer.error);
}

/**
 * The error for an answer that is not a valid envelope: where the value is the malformed part,
 * the response schema names the field; otherwise the envelope itself is wrong.
 */
function badEnvelope(channel: ChannelName, body: unknown): ApiCallError {
  if (typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true) {
    try {
      parseResponse(channel, (body as { value?: unknown }).value);
    } catch (error) {
      return toCallError(error);
    }
  }
  return new ApiCallError({
    name: 'ApiPayloadError', code: 'API_RESPONSE', message: `The answer to ${channel} is neither { ok: true, value } nor { ok: false, error }`,
    input: { file: `response of ${channel}`, field: 'ok', value: describeBody(body), expected: '{ ok: true, value } or { ok: false, error }' },
  });
}

function describeBody(body: unknown): unknown {
  if (Array.isArray(body)) return 'an array';
  return typeof body === 'object' && body !== null ? 'an object' : body;
}
