import { InputError } from '../../errors.js';

/** A message between host and job worker that breaks the protocol (names the field). */
export class WorkerMessageError extends InputError {}

/** The job worker ended without reporting done or failed: it crashed, exited or was killed. */
export class WorkerExitError extends Error {
  constructor(
    /** `killed` when the host stopped it on purpose; `crashed` or `exited` otherwise. */
    readonly reason: 'killed' | 'crashed' | 'exited',
    /** Running the operation again continues where it stopped (training: from its last checkpoint). */
    readonly resumable: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerExitError';
  }
}
