import { InputError } from '../../errors.js';

/** A message between host and training worker that breaks the protocol (names the field). */
export class WorkerMessageError extends InputError {}

/** The training worker ended without reporting an outcome: it crashed, exited or was killed. */
export class WorkerExitError extends Error {
  constructor(
    /** `killed` when the host stopped it on purpose; `crashed` or `exited` otherwise. */
    readonly reason: 'killed' | 'crashed' | 'exited',
    message: string,
  ) {
    super(message);
    this.name = 'WorkerExitError';
  }
}
