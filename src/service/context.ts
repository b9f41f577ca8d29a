import type { z } from 'zod';
import type { ApiEvent, ChannelName, ChannelResponse, Channels } from '../api/index.js';
import type { Workspace } from '../app/workspace.js';
import type { FileHandles } from './file-handles.js';
import type { JobRegistry } from './job-registry.js';
import type { ServiceOptions } from './types.js';

/** What every handler works with: the workspace open now, the file handles, the jobs. */
export interface ServiceContext {
  readonly options: ServiceOptions;
  /** The workspace open now (`workspace.open` switches it). */
  workspace(): Workspace;
  /** Opens (or makes) the workspace in `folder` and makes it the current one. */
  switchWorkspace(folder: string): Promise<Workspace>;
  readonly files: FileHandles;
  readonly jobs: JobRegistry;
  emit(event: ApiEvent): void;
}

export type ChannelInput<C extends ChannelName> = z.output<Channels[C]['request']>;

/** One channel's handler: its request already checked, its response checked after. */
export type Handler<C extends ChannelName> = (request: ChannelInput<C>, ctx: ServiceContext) => Promise<ChannelResponse<C>>;

/** The handlers of a group of channels. */
export type Handlers<C extends ChannelName> = { [K in C]: Handler<K> };
