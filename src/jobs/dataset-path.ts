import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DATASET_JSON } from '../study/cache.js';
import { TrainingError } from './errors.js';

const exists = (file: string) => stat(file).then(() => true, () => false);

/**
 * The dataset cache folder for `--data`: a folder holding dataset.json (what `study --out` and
 * `synth --out` write), the dataset.json file itself, or a folder with exactly one
 * sub-folder holding one (e.g. a study output kept beside other things).
 */
export async function resolveDatasetDir(input: string): Promise<string> {
  const abs = path.resolve(input);
  const info = await stat(abs).catch(() => null);
  if (!info) throw new TrainingError('DATA_MISSING', abs, '--data', input, 'an existing dataset folder (written by `saliency-studio study` or `synth`)');
  if (info.isFile()) {
    if (path.basename(abs) === DATASET_JSON) return path.dirname(abs);
    throw new TrainingError('DATA_NOT_DATASET', abs, '--data', input, `a dataset folder or its ${DATASET_JSON}`);
  }
  if (await exists(path.join(abs, DATASET_JSON))) return abs;
  const children = (await readdir(abs, { withFileTypes: true })).filter((d) => d.isDirectory());
  const found: string[] = [];
  for (const child of children) if (await exists(path.join(abs, child.name, DATASET_JSON))) found.push(path.join(abs, child.name));
  if (found.length === 1) return found[0];
  throw new TrainingError(
    'DATA_NOT_DATASET', abs, '--data', input,
    found.length > 1
      ? `one dataset; found ${found.length} (${found.map((f) => path.basename(f)).join(', ')}): name one`
      : `a folder holding ${DATASET_JSON} (run \`saliency-studio study … --out DIR\` or \`synth … --out DIR\` first)`,
  );
}
