import path from 'node:path';
import { describeAtlas } from '../../app/atlas-info.js';
import { inspectImage } from '../../app/inspect.js';
import { DEMO_STUDY_NAME, workspaceCacheDir } from '../../app/layout.js';
import { openStudy } from '../../app/open-study.js';
import { studyQc } from '../../app/study-qc.js';
import { runWorkerOperation } from '../../app/worker-operation.js';
import type { Handlers } from '../context.js';
import { atlasInput, studyInput, workspaceEntry } from '../sources.js';
import { cleanSettingsOf } from './dataset.js';
import { studyRow } from './workspace.js';

type StudyChannels = 'study.open' | 'study.demo' | 'study.inspect' | 'study.parcellate' | 'study.qc' | 'atlas.describe';

/**
 * Looking at a study before any dataset: listing it, inspecting one image, the demo study,
 * parcellating into the workspace's cache (a job in the worker) and the QC series read from it.
 */
export const studyHandlers: Handlers<StudyChannels> = {
  'study.open': async (request, ctx) => {
    const listing = await openStudy(await studyInput(request, ctx));
    // A handle per NIfTI run, so the Study screen can inspect one without naming its path.
    const runs = listing.runs.map((run) => (run.format === 'nifti' ? { ...run, fileHandle: ctx.files.issue(run.file) } : run));
    return { handle: request.source, ...listing, runs };
  },

  'study.demo': async (_request, ctx) => {
    const { root } = ctx.workspace();
    const target = workspaceEntry(ctx, 'studies', DEMO_STUDY_NAME);
    const jobId = ctx.jobs.start({
      kind: 'demoStudy', title: 'Generate the demo study', target,
      run: async ({ signal, onProgress }) => {
        const { dir } = await runWorkerOperation('demoStudy', { dir: target.path }, { signal, onProgress, launch: ctx.options.launcher });
        return studyRow(ctx.files, root, dir);
      },
    });
    return { jobId };
  },

  'study.inspect': async ({ file }, ctx) => inspectImage(await ctx.files.resolve(file, { field: 'file', kind: 'file' })),

  'study.parcellate': async (request, ctx) => {
    const input = await studyInput(request, ctx);
    const atlas = await atlasInput(request.atlas, ctx);
    const cacheDir = workspaceCacheDir(ctx.workspace().root);
    const jobId = ctx.jobs.start({
      kind: 'parcellate', title: `Parcellate ${path.basename('dir' in input ? input.dir : input.manifest)}`, target: null,
      run: ({ signal, onProgress }) =>
        runWorkerOperation('parcellateStudy', { input, ...(atlas ? { atlas } : {}), cacheDir }, { signal, onProgress, launch: ctx.options.launcher }),
    });
    return { jobId };
  },

  'study.qc': async (request, ctx) => {
    const atlas = await atlasInput(request.atlas, ctx);
    return studyQc({
      input: await studyInput(request, ctx), ...(atlas ? { atlas } : {}), cacheDir: workspaceCacheDir(ctx.workspace().root),
      run: request.run, regions: request.regions, ...(request.clean ? { clean: cleanSettingsOf(request.clean) } : {}),
    });
  },

  'atlas.describe': async (request, ctx) => describeAtlas(await atlasInput(request.atlas, ctx)),
};
