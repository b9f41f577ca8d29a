import type { z } from 'zod';
import { startRequest } from '../../../../src/api/index.js';
import type { BackendChoice, Defaults, ModelSpec, RunRow } from '../../types.js';
import { uniqueName } from '../design/design-form.js';

export type StartRequest = z.input<typeof startRequest>;

/** The training options the form shows; the others (epsilon, seed, carved validation) keep the app's defaults. */
export interface TrainFields { epochs: number; batchSize: number; learningRate: number; patience: number; monitor: 'val_loss' | 'val_accuracy' }

export interface TrainForm { model: ModelSpec; training: TrainFields }

/** The form as app.info's defaults start it. */
export function initialTrainForm(d: Defaults['train']): TrainForm {
  const t = d.training;
  return { model: { ...d.model }, training: { epochs: t.epochs, batchSize: t.batchSize, learningRate: t.learningRate, patience: t.patience, monitor: t.monitor } };
}

/** What the cell and attention make of a model, in a few words: "lstm + input-cell (mean)". */
export function modelText(m: Pick<ModelSpec, 'cell' | 'attention' | 'variant'>): string {
  return m.attention === 'none' ? m.cell : `${m.cell} + ${m.attention} (${m.variant})`;
}

/** A run name from the settings (`<dataset>-<cell>[-ica-<variant>]`), unique among the workspace's runs. */
export function defaultRunName(dataset: string, model: ModelSpec, runs: readonly Pick<RunRow, 'name'>[]): string {
  const attention = model.attention === 'input-cell' ? `-ica-${model.variant}` : '';
  const stem = `${dataset.slice(0, 48) || 'run'}-${model.cell}${attention}`;
  return uniqueName(stem, runs.map((r) => r.name));
}

/** The train.start request of the form; the attention's sizes only matter with attention but are sent as set. */
export function startRequestOf(form: TrainForm, dataset: string, name: string, backend: BackendChoice): StartRequest {
  return { dataset, name, model: { ...form.model }, training: { ...form.training }, backend };
}

/** The request's fields the contract rejects, in its words, so nothing malformed is sent. */
export function startProblems(request: StartRequest): { field: string; message: string }[] {
  const parsed = startRequest.safeParse(request);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
}
