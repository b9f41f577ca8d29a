import path from 'node:path';
import { workspacePath } from '../../../src/app/layout.js';
import { createWorkspace } from '../../../src/app/workspace.js';
import { runTraining } from '../../../src/jobs/engine.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../../src/jobs/types.js';
import { selectBackend } from '../../../src/model/backend/select.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/model/types.js';
import { subsetSynth } from '../../../src/paper/subset.js';
import { generateSynth, writeSynth } from '../../../src/synth/index.js';

/**
 * A workspace in `root/ws` holding a small synthetic dataset (`datasets/tiny`: 60 training, 20
 * test samples) and a finished run of it (`runs/tiny`: the default LSTM, 2 epochs on the cpu backend).
 */
export async function workspaceWithRun(root: string): Promise<{ ws: string; runDir: string; dataDir: string }> {
  const ws = (await createWorkspace(path.join(root, 'ws'))).root;
  const dataDir = workspacePath(ws, 'datasets', 'tiny');
  await writeSynth(dataDir, subsetSynth(generateSynth('earlier', 3), 60, 20));
  const runDir = workspacePath(ws, 'runs', 'tiny');
  await runTraining({
    runDir, dataDir, backend: 'cpu',
    model: DEFAULT_MODEL_CONFIG,
    training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 2, batchSize: 20, learningRate: 0.01 },
  }, {}, { selectBackend: () => selectBackend('cpu') });
  return { ws, runDir, dataDir };
}
