/**
 * The randomisation check in the Saliency screen's contract: the mode `saliency.compute`
 * takes, and the summary `saliency.view` answers with, each refused by field when malformed.
 */
import { describe, expect, it } from 'vitest';
import { COMPUTE_DEFAULTS, parseRequest, parseResponse, randomisationView } from '../../src/api/index.js';

/** A check as saliencyView builds it: two cascading stages, the last with one sample without ρ. */
const CHECK = {
  mode: 'cascading', seed: 0, threshold: 0.5, verdict: 'passes',
  sentence: 'These maps pass the randomisation check (mean |ρ| = 0.12 between trained and fully randomised maps, < 0.5): they change when the model\'s weights are randomised.',
  stages: [
    { layers: ['dense'], mean: 0.61, sd: 0.08, meanAbs: 0.61, samples: 3 },
    { layers: ['dense', 'lstm'], mean: -0.04, sd: 0.15, meanAbs: 0.12, samples: 2 },
  ],
};

/** The field and expectation a malformed value is refused with. */
function refusal(run: () => unknown): { field: string; expected: string } {
  try {
    run();
  } catch (err) {
    const e = err as { code: string; field: string; expected: string };
    expect(e.code).toBe('API_PAYLOAD');
    return { field: e.field, expected: e.expected };
  }
  throw new Error('accepted');
}

describe('saliency.compute: randomisation', () => {
  it('takes each mode and off, and leaves the default to the app (cascading)', () => {
    for (const randomisation of ['cascading', 'independent', 'off'] as const) {
      expect(parseRequest('saliency.compute', { run: 'r1', method: 'grad', randomisation }).randomisation).toBe(randomisation);
    }
    expect(parseRequest('saliency.compute', { run: 'r1', method: 'grad' }).randomisation).toBeUndefined();
    expect(COMPUTE_DEFAULTS.randomisation).toBe('cascading');
  });

  it('refuses another value, naming the choices', () => {
    expect(refusal(() => parseRequest('saliency.compute', { run: 'r1', method: 'grad', randomisation: 'on' }))).toEqual({ field: 'randomisation', expected: 'one of cascading, independent, off' });
    expect(refusal(() => parseRequest('saliency.compute', { run: 'r1', method: 'grad', randomisation: true })).field).toBe('randomisation');
  });
});

describe('saliency.view: randomisation', () => {
  it('accepts the summary as built, and a stage without any ρ', () => {
    expect(randomisationView.parse(CHECK)).toEqual(CHECK);
    const constant = { ...CHECK, verdict: 'undetermined', stages: [{ layers: ['dense'], mean: null, sd: null, meanAbs: null, samples: 0 }] };
    expect(randomisationView.parse(constant)).toEqual(constant);
  });

  it('refuses a correlation out of range, a negative count, an unknown verdict, no stage, and the per-sample ρ', () => {
    const stage = (change: Record<string, unknown>) => ({ ...CHECK, stages: [{ ...CHECK.stages[0], ...change }] });
    const cases: [unknown, string][] = [
      [stage({ meanAbs: 1.2 }), 'stages.0.meanAbs'],
      [stage({ mean: -1.5 }), 'stages.0.mean'],
      [stage({ sd: -0.1 }), 'stages.0.sd'],
      [stage({ samples: -1 }), 'stages.0.samples'],
      // The per-sample ρ stay in saliency.json: an unknown key of the stage.
      [stage({ spearman: [0.5] }), 'stages.0'],
      [{ ...CHECK, verdict: 'maybe' }, 'verdict'],
      [{ ...CHECK, mode: 'off' }, 'mode'],
      [{ ...CHECK, stages: [] }, 'stages'],
    ];
    for (const [value, where] of cases) {
      const parsed = randomisationView.safeParse(value);
      expect(parsed.success, where).toBe(false);
      expect(parsed.error!.issues[0].path.join('.'), where).toBe(where);
    }
  });

  it('is required in the view\'s faithfulness (null when not run)', () => {
    const faithfulness = { maskedAccuracy: null, onShare: null, groundTruth: null };
    const view = (f: unknown) => ({
      run: 'r1', result: 'grad', method: 'grad', params: {}, samplesFrom: 'test', regions: [], classes: ['a'], window: 1, tr: null, onSteps: null,
      createdAt: '2026-12-01T11:00:00.000Z', seconds: 1, backend: 'cpu', samples: [],
      overall: { samples: [], meanAbs: { rows: 0, cols: 0, data: '' }, temporal: { mean: [], sd: [] }, importance: null }, perClass: [null], faithfulness: f,
    });
    expect(refusal(() => parseResponse('saliency.view', view(faithfulness))).field).toBe('faithfulness.randomisation');
    expect(parseResponse('saliency.view', view({ ...faithfulness, randomisation: null })).faithfulness.randomisation).toBeNull();
    expect(parseResponse('saliency.view', view({ ...faithfulness, randomisation: CHECK })).faithfulness.randomisation).toEqual(CHECK);
  });
});
