// IPC channel names besides the contract's own (src/api CHANNELS), shared by main and the preload.

/** Main → renderer: every service event (src/api apiEvent), checked again in the preload. */
export const EVENT_CHANNEL = 'api:event';

/** Renderer → main: the path of a file or folder dropped on the window (setup-dialogs.ts). */
export const DROP_CHANNEL = 'files.drop';

/** Main → renderer: a command chosen in the application menu. */
export const MENU_CHANNEL = 'menu:command';

