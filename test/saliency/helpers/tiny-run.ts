import path from 'node:path';
import { runTraining } from '../../../src/jobs/engine.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../../src/jobs/types.js';
import { selectBackend } from '../../../src/model/backend/select.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/model/types.js';
import { subsetSynth } from '../../../src/paper/subset.js';
import { generateSynth, writeSynth } from '../../../src/synth/index.js';
import { suiteTempDir } from '../../helpers/temp-tree.js';

/**
 * A finished run on a small slice of the synthetic "earlier" dataset (60 training, 20 test
 * samples; LSTM with input-cell attention, 2 epochs on the cpu backend): what saliency reads.
 */
export async function tinyRun(): Promise<{ root: string; dataDir: string; runDir: string }> {
  const root = await suiteTempDir();
  const dataDir = path.join(root, 'data');
  await writeSynth(dataDir, subsetSynth(generateSynth('earlier', 3), 60, 20));
  const runDir = path.join(root, 'run');
  await runTraining({
    runDir, dataDir, backend: 'cpu',
    model: { ...DEFAULT_MODEL_CONFIG, attention: 'input-cell', hops: 4, attentionDim: 8 },
    training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 2, batchSize: 20, learningRate: 0.01 },
  }, {}, { selectBackend: () => selectBackend('cpu') });
  return { root, dataDir, runDir };
}
