import { describe, expect, it } from 'vitest';
import { entryName } from '../../src/api/index.js';
import { defaultDatasetName } from '../../renderer/src/components/design/design-form.js';
import { defaultRunName } from '../../renderer/src/components/train/train-form.js';
import { APP_INFO } from './train-fixtures.js';

const MODEL = APP_INFO.defaults.train.model;

describe('default names', () => {
  it('names a run after its dataset and model, numbered past the names taken', () => {
    expect(defaultRunName('demo', MODEL, [])).toBe('demo-lstm');
    expect(defaultRunName('demo', { ...MODEL, cell: 'gru', attention: 'input-cell', variant: 'matrix' }, [])).toBe('demo-gru-ica-matrix');
    expect(defaultRunName('demo', MODEL, [{ name: 'demo-lstm' }, { name: 'demo-lstm-2' }])).toBe('demo-lstm-3');
  });

  it('names a dataset after the study folder and design, made a valid workspace name', () => {
    expect(defaultDatasetName('/data/My Study (2024)/', 'trial_type', 8, [])).toBe('My-Study-2024-trial_type-w8');
    expect(defaultDatasetName('C:\\scans\\runs.tsv', 'task', 10, ['runs-task-w10'])).toBe('runs-task-w10-2');
    const odd = defaultDatasetName('/x/__', 'task', 10, []);
    expect(odd).toBe('study-task-w10');
    for (const name of ['My-Study-2024-trial_type-w8', odd]) expect(entryName.safeParse(name).success).toBe(true);
  });
});
