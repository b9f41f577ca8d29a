import { bestByText, stoppedEarlyText } from '../../../jobs/monitor-text.js';
import { trainingSvg } from '../charts/training.js';
import { html, trusted, type Html } from '../escape.js';
import { duration, fixed, percent } from '../format.js';
import type { ReportContext } from '../../context.js';
import { kvTable } from './kv-table.js';

const CELL_NAMES = { lstm: 'LSTM', gru: 'GRU', rnn: 'vanilla RNN' } as const;

/** The classifier, how it was trained, and how well it does on the test subjects. */
export function modelSection(ctx: ReportContext): Html {
  const m = ctx.config.model;
  const s = ctx.summary;
  const attention = m.attention === 'input-cell'
    ? `input-cell attention (r = ${m.hops} hops, d_a = ${m.attentionDim}, ${m.variant === 'mean' ? 'hops averaged' : 'hops concatenated'})`
    : 'none';
  const t = ctx.config.training;
  const rows: [string, unknown][] = [
    ['Cell', `${CELL_NAMES[m.cell]}, ${m.hidden} hidden units`],
    ['Attention', attention],
    ['Dropout', `input ${m.inputDropout}, hidden ${m.hiddenDropout}`],
    ['Training', `Adam, learning rate ${t.learningRate}, batch ${t.batchSize}, seed ${t.seed}; ${s.epochs} of at most ${s.maxEpochs} epochs${s.stoppedEarly ? ` (${stoppedEarlyText(s)}${s.stopReason?.kind === 'train-accuracy' ? '' : `, patience ${t.patience}`})` : ''}`],
    ['Best epoch', `${s.bestEpoch} (validation loss ${fixed(s.valLoss, 4)}, accuracy ${percent(s.valAccuracy)})`],
    ['Backend', `${s.backend}; ${duration(s.wallSeconds)} of training`],
    ['Test accuracy', html`<strong id="test-accuracy">${percent(s.testAccuracy)}</strong> on ${s.testSamples} test samples (chance ${percent(1 / s.classes.length)})`],
  ];
  const curve = ctx.metrics.length > 1
    ? html`<figure id="training-curve">${trusted(trainingSvg(ctx.metrics, s.bestEpoch))}<figcaption>Training and validation loss per epoch; the weights of the best epoch (${bestByText(s.monitor)}) are the model explained here.</figcaption></figure>`
    : '';
  return html`<section id="model"><h2>Model and training</h2>${kvTable(rows, 'model-table')}
<h3>Confusion matrix (test split)</h3>${confusionTable(s.classes, s.confusion)}${curve}</section>`;
}

/** confusion[true][predicted] as a table: rows are true classes, columns predictions. */
export function confusionTable(classes: string[], confusion: number[][]): Html {
  const head = html`<tr><th scope="col">true \\ predicted</th>${classes.map((c) => html`<th scope="col">${c}</th>`)}<th scope="col">recall</th></tr>`;
  const body = confusion.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const cells = row.map((n, j) => html`<td class="${i === j ? 'diag' : ''}">${n}</td>`);
    return html`<tr><th scope="row">${classes[i]}</th>${cells}<td>${total > 0 ? percent(row[i] / total) : '—'}</td></tr>`;
  });
  return html`<table class="grid" id="confusion-matrix"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}
