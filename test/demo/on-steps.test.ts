import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import type { DemoGroundTruth } from '../../src/demo/ground-truth.js';
import { demoOnSteps, ON_RESPONSE } from '../../src/demo/score.js';
import { exportReport } from '../../src/report/export.js';
import type { StoredSaliency } from '../../src/saliency/store.js';
import type { Dataset } from '../../src/study/dataset.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from '../report/helpers/known-run.js';

describe("the demo's task-ON steps", () => {
  it('come from the planted regressor of ground_truth.json (≥ 0.5), and say so (they were labelled "events")', () => {
    // Two explained windows of 3 steps, TR 2 s: one from volume 0 of sub-01's motor run, one from volume 3.
    const truth = { tr: 2, runs: [{ subject: 'sub-01', task: 'motor', regressor: [0, 0.49, 0.5, 0.9, 1, 0.2] }] } as unknown as DemoGroundTruth;
    const dataset = { samples: [{ subject: '01', task: 'motor', onsetSeconds: 0 }, { subject: '01', task: 'motor', onsetSeconds: 6 }] } as unknown as Dataset;
    const result = { maps: { time: 3 }, index: { samples: [{ index: 0 }, { index: 1 }] } } as unknown as StoredSaliency;
    const on = demoOnSteps(result, dataset, truth);
    expect(ON_RESPONSE).toBe(0.5);
    expect(on.source).toBe('ground-truth-regressor');
    expect(Array.from(on.steps)).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('are credited to the planted regressor in provenance.json and the report text', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root);
    const out = path.join(root, 'report');
    // The known run explains 2 samples of 2 steps.
    await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['json', 'html'], onSteps: { steps: Uint8Array.from([1, 0, 0, 1]), source: 'ground-truth-regressor' } });
    expect(JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8')).onSteps).toBe('ground-truth-regressor');
    const page = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(page).toContain("Task-ON time steps from the planted HRF regressor of the demo&#39;s ground_truth.json (ON where it is ≥ 0.5).");
    expect(page).not.toContain('events files');
  });
});
