import { record, oneOf, type Fail } from '../../util/check.js';
import type { Envelope, TrainEvents, TrainOutcome, TrainRequest } from '../types.js';
import { checkCancel, checkTrainRequest } from './check-request.js';
import { WORKER_EVENT_CHECKS } from './check-events.js';
import { checkFailure, checkOutcome } from './check-outcome.js';
import { WorkerMessageError } from './errors.js';

/** Host → worker: start one run, or cancel it at the next batch. */
export interface HostMessages {
  start: TrainRequest;
  cancel: Record<string, never>;
}

/** Worker → host: the run's events, then exactly one of `done` or `failed`. */
export interface WorkerMessages extends TrainEvents {
  done: TrainOutcome;
  failed: WorkerFailure;
}

/** An error thrown in the worker, as plain data; `input` keeps an InputError's fields. */
export interface WorkerFailure {
  name: string;
  message: string;
  stack?: string;
  input?: { code: string; file: string; field: string; value: unknown; expected: string };
}

export type HostMessage = Envelope<HostMessages>;
export type WorkerMessage = Envelope<WorkerMessages>;

/** One payload checker per kind: the map's keys are the protocol's kinds. */
export type PayloadChecks<M> = { [K in keyof M]: (value: unknown, field: string, fail: Fail) => M[K] };

const HOST_CHECKS: PayloadChecks<HostMessages> = { start: checkTrainRequest, cancel: checkCancel };
const WORKER_CHECKS: PayloadChecks<WorkerMessages> = { ...WORKER_EVENT_CHECKS, done: checkOutcome, failed: checkFailure };

export const TO_WORKER = 'message to the training worker';
export const FROM_WORKER = 'message from the training worker';

/** Checks a message the worker received; a WorkerMessageError names the bad field. */
export function parseHostMessage(value: unknown): HostMessage {
  return parseEnvelope(value, HOST_CHECKS, TO_WORKER);
}

/** Checks a message the host received from the worker. */
export function parseWorkerMessage(value: unknown): WorkerMessage {
  return parseEnvelope(value, WORKER_CHECKS, FROM_WORKER);
}

function parseEnvelope<M>(value: unknown, checks: PayloadChecks<M>, source: string): Envelope<M> {
  const fail: Fail = (field, found, expected) => {
    throw new WorkerMessageError('WORKER_MESSAGE', source, field, found, expected);
  };
  const o = record(value, 'message', fail);
  const kind = oneOf(o, 'kind', Object.keys(checks) as (keyof M & string)[], fail);
  return { kind, payload: checks[kind](o.payload, 'payload', fail) } as Envelope<M>;
}
