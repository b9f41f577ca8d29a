import type { ApiResult } from '../src/service/types.js';

/** The answer to a call from a frame that is not the app's own (sender.ts): an error, not a throw. */
export function forbiddenSender(channel: string): ApiResult {
  return {
    ok: false,
    error: { name: 'ForbiddenSender', code: 'FORBIDDEN_SENDER', message: `${channel}: refused a call from a frame outside app://renderer` },
  };
}
