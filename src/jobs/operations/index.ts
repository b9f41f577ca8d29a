/**
 * The job operations by name: each one's contract (contracts.ts) and how to run it. The job
 * worker (worker/serve.ts) runs them; the host (worker/host.ts) needs only the contracts.
 */
import { phaseReporter } from '../../app/context.js';
import type { EngineDeps } from '../engine.js';
import { runAssembleStudy } from './assemble-study.js';
import { CONTRACTS, type OperationName } from './contracts.js';
import { runDemoStudy } from './demo-study.js';
import { explainAndStore } from './explain.js';
import { runExportReport } from './export-report.js';
import type { Operation } from './operation.js';
import { runParcellateStudy } from './parcellate-study.js';
import { trainRunner } from './train.js';

export type Operations = Record<OperationName, Operation<any, any, any>>;

/** The registry, with training's engine parts replaceable (tests run a fixed backend or model). */
export function operations(trainDeps: EngineDeps = {}): Operations {
  return {
    train: { ...CONTRACTS.train, run: trainRunner(trainDeps) },
    explain: {
      ...CONTRACTS.explain,
      run: async (args, control) => {
        const { result } = await explainAndStore(args, { signal: control.signal, onProgress: phaseReporter(control, 'saliency') });
        return { out: args.out, method: result.index.method, samples: result.index.samples.length, batchSize: result.index.params.batchSize as number, backend: result.index.backend };
      },
    },
    assembleStudy: { ...CONTRACTS.assembleStudy, run: runAssembleStudy },
    exportReport: { ...CONTRACTS.exportReport, run: runExportReport },
    parcellateStudy: { ...CONTRACTS.parcellateStudy, run: runParcellateStudy },
    demoStudy: { ...CONTRACTS.demoStudy, run: runDemoStudy },
  };
}

export { CONTRACTS, OPERATION_NAMES, type OperationArgs, type OperationEvent, type OperationName, type OperationResult } from './contracts.js';
export type { Operation, OperationControl } from './operation.js';
