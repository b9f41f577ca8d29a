import { BUILD_DATASET_DEFAULTS } from '../../app/build-dataset.js';
import { TRAIN_DEFAULTS } from '../../app/train.js';
import type { Handlers } from '../context.js';

/** `app.info`: what the renderer needs before its first screen (mode, workspace, every form's defaults). */
export const appHandlers: Handlers<'app.info'> = {
  'app.info': async (_request, ctx) => {
    const { version, mode, pick } = ctx.options;
    const ws = ctx.workspace();
    const d = BUILD_DATASET_DEFAULTS;
    return {
      version, mode, nativeDialogs: pick !== undefined,
      workspace: { path: ws.root, createdAt: ws.createdAt },
      defaults: {
        dataset: {
          window: d.window, stride: d.stride, labelBy: d.labelBy, shiftSeconds: d.shiftSeconds, zscore: d.zscore,
          split: { train: d.split.train, validation: d.split.validation, test: d.split.test }, seed: d.seed,
        },
        train: { model: { ...TRAIN_DEFAULTS.model }, training: { ...TRAIN_DEFAULTS.training }, backend: TRAIN_DEFAULTS.backend },
      },
    };
  },
};
