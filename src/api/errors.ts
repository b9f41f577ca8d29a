import { z } from 'zod';
import { InputError } from '../errors.js';

/**
 * A payload that does not match its channel's schema, at any boundary (IPC handler, HTTP route,
 * WebSocket message, preload, client): an InputError whose `file` names the channel and the
 * side ("request to study.open"), so it reads like every other bad-input error.
 */
export class ApiPayloadError extends InputError {}

/** An error as it crosses a transport: an InputError keeps its fields, anything else its message. */
export const apiErrorSchema = z.strictObject({
  /** The error class (`StudyError`, `ApiPayloadError`, `Cancelled`, `WorkerExitError`, `Error`). */
  name: z.string(),
  /** Stable machine-readable code (`STUDY_TR`, `API_REQUEST`, `NOT_FOUND`, `INTERNAL`). */
  code: z.string(),
  message: z.string(),
  /** An InputError's fields: what, where, found and expected. */
  input: z.strictObject({ file: z.string(), field: z.string(), value: z.unknown(), expected: z.string() }).optional(),
  /** A job that stopped midway and can continue (a cancelled or crashed training run). */
  resumable: z.boolean().optional(),
});

export type ApiErrorData = z.infer<typeof apiErrorSchema>;

/** What a client throws for a failed call: the error's data, with its message. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly input: ApiErrorData['input'];
  readonly resumable: boolean;
  constructor(readonly data: ApiErrorData) {
    super(data.message);
    this.name = data.name;
    this.code = data.code;
    this.input = data.input;
    this.resumable = data.resumable ?? false;
  }
}

/** Every answer to a call, on every transport: the value, or the error as data (never a thrown transport error). */
export const envelope = <S extends z.ZodType>(value: S) =>
  z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), value }), z.strictObject({ ok: z.literal(false), error: apiErrorSchema })]);
