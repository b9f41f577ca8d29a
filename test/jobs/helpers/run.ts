import { selectBackend } from '../../../src/model/backend/select.js';
import { runTraining, type EngineDeps, type TrainHooks } from '../../../src/jobs/engine.js';
import { DEFAULT_TRAIN_OPTIONS, type NewRunRequest, type TrainEvent, type TrainOptions } from '../../../src/jobs/types.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/model/types.js';
// @ts-expect-error plain-JS fixture, shared with the worker tests
import { createLinearClassifier } from '../fixtures/linear-classifier.mjs';

/** Engine dependencies for fast tests: the linear test double on the pure-JS backend. */
export const testDeps: EngineDeps = {
  createModel: createLinearClassifier,
  selectBackend: () => selectBackend('cpu'),
};

/** A new-run request with small defaults. */
export function newRun(runDir: string, dataDir: string, training: Partial<TrainOptions> = {}): NewRunRequest {
  return {
    runDir, dataDir, backend: 'cpu',
    model: { ...DEFAULT_MODEL_CONFIG, cell: 'lstm', hidden: 3 },
    training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 4, batchSize: 4, learningRate: 0.05, patience: 10, seed: 1, ...training },
  };
}

/** Runs the engine in-process, collecting its events; rejects as the run does (TrainingCancelled when cancelled). */
export async function trainCollecting(request: Parameters<typeof runTraining>[0], hooks: TrainHooks = {}, deps: EngineDeps = testDeps) {
  const events: TrainEvent[] = [];
  const summary = await runTraining(request, { ...hooks, onEvent: (e) => { events.push(e); hooks.onEvent?.(e); } }, deps);
  return { summary, events };
}
