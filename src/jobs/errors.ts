import { InputError } from '../errors.js';
import { Cancelled } from '../util/cancel.js';

/** A training run that cannot start or continue: bad options, unusable data, a run folder in the way. */
export class TrainingError extends InputError {}

/** A folder that is not a finished training run: no config.json, or no summary.json yet. */
export class UnfinishedRunError extends InputError {}

/** How a cancelled training session ends: Cancelled, naming the checkpoint a resume continues from. */
export class TrainingCancelled extends Cancelled {
  constructor(
    /** Last epoch whose checkpoint is kept; 0 when none had finished. */
    readonly lastCheckpointEpoch: number,
    options?: ErrorOptions,
  ) {
    super(lastCheckpointEpoch > 0 ? `training cancelled; the checkpoint of epoch ${lastCheckpointEpoch} is kept` : 'training cancelled before the first epoch finished', options);
  }
}
