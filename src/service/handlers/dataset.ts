import { stat } from 'node:fs/promises';
import { withDesignDefaults } from '../../app/build-dataset.js';
import { workspaceCacheDir } from '../../app/layout.js';
import { previewDataset } from '../../app/preview-dataset.js';
import { runWorkerOperation } from '../../app/worker-operation.js';
import type { Handlers } from '../context.js';
import { ServiceInputError } from '../errors.js';
import { atlasInput, studyInput, workspaceEntry } from '../sources.js';

/** The Design screen: windows per class and split before building, then the build (a job in the worker). */
export const datasetHandlers: Handlers<'dataset.preview' | 'dataset.build'> = {
  'dataset.preview': async (request, ctx) => {
    const { zscore: _zscore, ...design } = request.design; // z-scoring changes values, not counts
    return previewDataset({ input: await studyInput(request, ctx), ...design });
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
      ...(design.classes ? { classes: design.classes } : {}), cacheDir: workspaceCacheDir(root), out: target.path,
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
