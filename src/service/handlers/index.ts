import type { ChannelName } from '../../api/index.js';
import type { Handlers } from '../context.js';
import { appHandlers } from './app.js';
import { datasetHandlers } from './dataset.js';
import { fileHandlers } from './files.js';
import { jobHandlers } from './jobs.js';
import { reportHandlers } from './report.js';
import { saliencyHandlers } from './saliency.js';
import { studyHandlers } from './study.js';
import { trainHandlers } from './train.js';
import { workspaceHandlers } from './workspace.js';

/** One handler per contract channel (the type makes a missing one a compile error). */
export const HANDLERS: Handlers<ChannelName> = {
  ...appHandlers, ...workspaceHandlers, ...fileHandlers, ...studyHandlers, ...datasetHandlers, ...trainHandlers,
  ...saliencyHandlers, ...reportHandlers, ...jobHandlers,
};
