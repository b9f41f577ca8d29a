import { stoppedEarlyText } from '../../jobs/monitor-text.js';
import type { TrainEvent, TrainStart, TrainSummary } from '../../jobs/types.js';
import type { Progress } from '../progress.js';

/**
 * The summary a finished run prints: model, epochs, accuracies, confusion matrix; and the
 * backend line when given (only when it was not already printed as training started).
 */
export function formatTrainSummary(summary: TrainSummary, runDir: string, backendLine: string | null = null): string {
  const s = summary;
  const attention = s.attention === 'none' ? 'no attention' : `${s.attention} attention (${s.variant})`;
  const correct = s.confusion.reduce((sum, row, i) => sum + row[i], 0);
  const stopped = s.stoppedEarly ? stoppedEarlyText(s) : 'all done';
  return [
    ...(backendLine === null ? [] : [backendLine]),
    `Model: ${s.model}, ${attention}, hidden ${s.hidden}; ${s.trainSamples} training, ${s.validationSamples} validation, ${s.testSamples} test samples`,
    `Epochs: ${s.epochs} of ${s.maxEpochs}, ${stopped}; best epoch ${s.bestEpoch}${s.resumes > 0 ? `; resumed ${s.resumes}×` : ''}`,
    `Validation accuracy: ${s.valAccuracy.toFixed(3)} (best epoch)`,
    `Test accuracy: ${s.testAccuracy.toFixed(3)} (${correct} of ${s.testSamples} test samples)`,
    'Confusion matrix (test split; rows: true class, columns: predicted):',
    ...confusionTable(s.classes, s.confusion),
    `Run folder: ${runDir} (summary.json, metrics.jsonl, best/ and final/ models)`,
    '',
  ].join('\n');
}

function confusionTable(classes: string[], confusion: number[][]): string[] {
  const width = Math.max(...classes.map((c) => c.length), ...confusion.flat().map((n) => String(n).length));
  const cell = (text: string) => text.padStart(width);
  return [
    `  ${' '.repeat(width)}  ${classes.map(cell).join('  ')}`,
    ...confusion.map((row, i) => `  ${classes[i].padEnd(width)}  ${row.map((n) => cell(String(n))).join('  ')}`),
  ];
}

/** Turns progress events into a bar: batches done of all epochs, with the latest metrics. */
export function progressView(progress: Progress, log: (line: string) => void): (event: TrainEvent) => void {
  let start: TrainStart | null = null;
  let val = '';
  return (event) => {
    if (event.kind === 'started') {
      start = event.payload;
      if (start.resumedFromEpoch > 0) log(`resuming after epoch ${start.resumedFromEpoch} of ${start.epochs}`);
    } else if (event.kind === 'epoch') {
      val = ` | val loss ${event.payload.valLoss.toFixed(3)} acc ${event.payload.valAccuracy.toFixed(2)}`;
    } else if (event.kind === 'batch' && start) {
      const p = event.payload;
      const label = `epoch ${p.epoch}/${start.epochs} loss ${p.loss.toFixed(3)} acc ${p.accuracy.toFixed(2)}${val}`;
      progress.update((p.epoch - 1) * start.batchesPerEpoch + p.batch, start.epochs * start.batchesPerEpoch, label);
    }
  };
}
