import { train } from '../../app/train.js';
import { TRAIN_LIMITS as L } from '../../jobs/options.js';
import { TrainingCancelled } from '../../jobs/errors.js';
import type { TrainSummary } from '../../jobs/types.js';
import { WorkerExitError } from '../../jobs/worker/errors.js';
import { formatBackendReport } from '../../model/backend/select.js';
import { isCancelled, type Cancelled } from '../../util/cancel.js';
import { cancelOnInterrupt } from '../interrupt.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';
import { formatTrainSummary, progressView } from './train-format.js';
import { parseTrainArgs, TRAIN_HELP_DEFAULTS as D } from './train-options.js';

export const trainHelp = `Usage: saliency-studio train --data <dir> --out <run-dir> [options]
       saliency-studio train --resume --out <run-dir> [--backend B] [--json]

Trains a recurrent classifier in a worker thread, writing the run folder as it goes:
config.json, metrics.jsonl (a line per epoch), checkpoints/ (latest and best epoch), then
best/ and final/ (models) and summary.json. Ctrl-C stops at the next batch and keeps the last
checkpoint; --resume continues from it, as it does a run that was killed.

Options:
  --data <dir>         a dataset: the folder \`study --out\` or \`synth --out\` wrote
  --model lstm|gru|rnn recurrent cell (default ${D.cell})
  --attention none|input-cell  input-cell attention before the cell (default ${D.attention})
  --variant mean|matrix        how the attention's hops are combined (default ${D.variant})
  --hidden N           hidden units, 1–${L.hidden} (default ${D.hidden})
  --epochs N           most epochs, 1–${L.epochs} (default ${D.epochs})
  --batch N            batch size, 1–${L.batchSize} (default ${D.batchSize})
  --lr X               Adam learning rate, in (0, ${L.learningRate}] (default ${D.learningRate})
  --patience N         stop after N epochs without a better monitored score, 1–${L.patience}
                       (default ${D.patience})
  --monitor M          val_loss | val_accuracy: what early stopping and the best checkpoint
                       follow (default ${D.monitor}; with val_accuracy the first epoch that
                       reaches the best accuracy is kept)
  --evaluate-every N   evaluate on the validation split every N batches (counted across
                       epochs) instead of once per epoch; --patience then counts evaluations
  --stop-at-train-accuracy X  stop at the end of the first epoch whose training accuracy
                       reaches X, in (0, 1] (the paper: 1)
  --seed N             seed of splits, weights, batch order and dropout, 0–${L.seed} (default ${D.seed})
  --backend auto|cpu|wasm|webgpu|node|node-gpu  compute backend (default auto: times one step
                       of this model on each that works and takes the fastest, kept per machine and
                       model shape; with --resume, the one the run started with)
  --out <run-dir>      the run folder: new or empty, or with --resume an earlier run
  --resume             continue the run in --out from its last checkpoint, with its settings
  --json               print summary.json instead of the summary
Exit codes: 0 done, 1 bad input, 2 bad usage, 130 stopped by Ctrl-C (resumable).
`;

export async function trainCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseTrainArgs(argv);
  if (args.help) {
    io.out(trainHelp);
    return 0;
  }
  const progress = createProgress('training', io.err);
  const view = progressView(progress, (line) => io.err.write(`${line}\n`));
  let backendLine = '';
  // The first Ctrl-C aborts the signal (the worker stops at its next batch); a second kills it at once.
  const kill = new AbortController();
  const interrupt = cancelOnInterrupt(io.err, 'stopping at the next batch (Ctrl-C again to stop at once)', () => kill.abort());
  let ended: TrainSummary | 'killed' | Cancelled;
  try {
    ended = await train(args.options, {
      console: io.err,
      signal: interrupt.signal,
      kill: kill.signal,
      onEvent: (event) => {
        if (event.kind === 'backend') io.err.write(`${(backendLine = formatBackendReport(event.payload))}\n`);
        view(event);
      },
    }).catch((err) => (err instanceof WorkerExitError && err.reason === 'killed' ? ('killed' as const) : isCancelled(err) ? err : Promise.reject(err)));
  } finally {
    interrupt.stop();
    progress.done();
  }
  if (ended === 'killed' || isCancelled(ended)) {
    const kept = !(ended instanceof TrainingCancelled) ? 'the last checkpoint is kept'
      : ended.lastCheckpointEpoch > 0 ? `the checkpoint of epoch ${ended.lastCheckpointEpoch} is kept` : 'no epoch had finished yet';
    io.err.write(`training stopped; ${kept}. Resume with:\n  saliency-studio train --resume --out ${shellQuote(args.out)}\n`);
    return 130;
  }
  const summary = ended;
  // The backend line went to stderr as training started; repeating it in the summary printed it twice.
  const backend = backendLine ? null : `backend ${summary.backend}: ${summary.backendReason}`;
  io.out(args.json ? JSON.stringify(summary, null, 2) + '\n' : formatTrainSummary(summary, args.out, backend));
  return 0;
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
