import type { z } from 'zod';
import { reportIssue } from '../util/zod-issue.js';
import { CHANNELS, type ChannelName, type ChannelRequest, type ChannelResponse } from './channels.js';
import { ApiPayloadError } from './errors.js';
import { apiEvent } from './schemas/jobs.js';

export type ApiEvent = z.output<typeof apiEvent>;

function check<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { field, value: found, expected } = reportIssue(parsed.error, value);
  throw new ApiPayloadError('API_PAYLOAD', what, field, found, expected);
}

/** Whether `name` is a channel of the contract (an unknown one is refused by name). */
export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}

/** Throws ApiPayloadError (`request to <channel>`, field, value, expected) unless `channel` exists. */
export function checkChannel(name: unknown): ChannelName {
  if (isChannel(name)) return name;
  throw new ApiPayloadError('API_CHANNEL', 'request', 'channel', typeof name === 'string' ? name.slice(0, 60) : String(name), `one of ${Object.keys(CHANNELS).join(', ')}`);
}

/** A request checked against its channel's schema. */
export function parseRequest<C extends ChannelName>(channel: C, value: unknown): ChannelRequest<C> {
  return check(CHANNELS[channel].request, value, `request to ${channel}`) as ChannelRequest<C>;
}

/** A response checked against its channel's schema (the server checks what it sends, the client what it gets). */
export function parseResponse<C extends ChannelName>(channel: C, value: unknown): ChannelResponse<C> {
  return check(CHANNELS[channel].response, value, `response of ${channel}`) as ChannelResponse<C>;
}

/** An event checked against the event schema. */
export function parseEvent(value: unknown): ApiEvent {
  return check(apiEvent, value, 'event');
}
