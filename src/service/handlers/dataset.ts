import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import type { cleanDesign } from '../../api/index.js';
import { withDesignDefaults } from '../../app/build-dataset.js';
import { workspaceCacheDir } from '../../app/layout.js';
import { previewDataset } from '../../app/preview-dataset.js';
import { runWorkerOperation } from '../../app/worker-operation.js';
import type { CleanSettings } from '../../study/clean-run.js';
import type { Handlers } from '../context.js';
import { ServiceInputError } from '../errors.js';
import { atlasInput, studyInput, workspaceEntry } from '../sources.js';

/** The Design screen: windows per class and split before building, then the build (a job in the worker). */
export const datasetHandlers: Handlers<'dataset.preview' | 'dataset.build'> = {
  'dataset.preview': async (request, ctx) => {
    const { zscore: _zscore, clean, ...design } = request.design; // z-scoring changes values, not counts
    return previewDataset({ input: await studyInput(request, ctx), ...design, ...(clean ? { clean: cleanSettingsOf(clean) } : {}) });
  },

  'dataset.build': async (request, ctx) => {
    const input = await studyInput(request, ctx);
    const atlas = await atlasInput(request.atlas, ctx);
    const root = ctx.workspace().root;
    const target = workspaceEntry(ctx, 'datasets', request.name);
    if (await stat(target.path).then(() => true, () => false)) {
      throw new ServiceInputError('DATASET_EXISTS', target.path, 'name', request.name, 'the name of no dataset in the workspace yet (choose another name)');
    }
    const design = withDesignDefaults(request.design);
    const args = {
      input, ...(atlas ? { atlas } : {}), window: design.window, stride: design.stride, labelBy: design.labelBy,
      shiftSeconds: design.shiftSeconds, zscore: design.zscore, split: design.split, seed: design.seed,
      ...(design.classes ? { classes: design.classes } : {}), ...(design.clean ? { clean: cleanSettingsOf(design.clean) } : {}), cacheDir: workspaceCacheDir(root), out: target.path,
    };
    const jobId = ctx.jobs.start({
      kind: 'buildDataset', title: `Build dataset ${request.name}`, target,
      run: async ({ signal, onProgress }) => {
        const { summary } = await runWorkerOperation('assembleStudy', args, { signal, onProgress, launch: ctx.options.launcher });
        return { name: request.name, summary };
      },
    });
    return { jobId };
  },
};

/**
 * The contract's cleaning (nilearn's names: `low_pass`, `standardize: false`, `preset: null`)
 * as the core's CleanSettings; fields left out stay out, so nilearn's defaults apply.
 */
export function cleanSettingsOf(c: z.output<typeof cleanDesign>): CleanSettings {
  const settings: CleanSettings = {
    preset: c.preset ?? undefined,
    detrend: c.detrend,
    standardize: c.standardize === false ? null : c.standardize,
    lowPass: c.low_pass,
    highPass: c.high_pass,
    // The preset's options mean nothing without one; the form may keep them while none is chosen.
    confounds: c.preset ? c.confounds : undefined,
    scrub: c.preset ? c.scrub : undefined,
    whereAvailable: c.preset ? c.whereAvailable : undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as CleanSettings;
}
