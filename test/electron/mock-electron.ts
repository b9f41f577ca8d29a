// A stand-in for the `electron` module (vitest.config.ts aliases `electron` here), in the
// manner of Electron Fiddle's tests/mocks/electron.ts: each API the shell uses, recording
// what the shell registered (IPC handlers, protocol handlers, window options, app events,
// permission handlers, contextBridge exposures, utility processes) so tests can drive it.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: object) => boolean;

/** What the shell registered, and the fakes it created; `reset()` before each test. */
export const recorded = {
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  exposed: new Map<string, unknown>(),
  windows: [] as FakeBrowserWindow[],
  children: [] as FakeUtilityProcess[],
};

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null) {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  readonly session = new FakeSession();
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string; frameName: string; features: string; disposition: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: NonNullable<FakeWebContents['windowOpenHandler']>) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** A tiny PDF-looking buffer; tests spy on FakeWebContents.prototype.printToPDF for other answers. */
  printToPDF(_options: Record<string, unknown>): Promise<Buffer> {
    return Promise.resolve(Buffer.from('%PDF-1.7 fake\n'));
  }
}

class FakeBrowserWindow extends EventEmitter {
  static getAllWindows = () => [...recorded.windows];
  static getFocusedWindow = () => recorded.windows[0] ?? null;
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    recorded.windows.push(this);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  show() {}
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
}
export { FakeBrowserWindow as BrowserWindow };

/** A utility process the test drives: `reply` sends a message from the child, `exit` ends it. */
export class FakeUtilityProcess extends EventEmitter {
  readonly pid = 4242;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  exitCode: number | null = null;
  constructor(readonly modulePath: string, readonly args: string[], readonly options: Record<string, unknown>) {
    super();
  }
  postMessage(message: unknown) {
    // Structured cloning, as the real parent port does.
    this.posted.push(structuredClone(message));
  }
  kill() {
    if (this.exitCode !== null) return false;
    queueMicrotask(() => this.exit(-15));
    return true;
  }
  reply(message: unknown) {
    this.emit('message', message);
  }
  exit(code: number) {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    // As a real process's pipes do when it ends.
    this.stdout.end();
    this.stderr.end();
    this.emit('exit', code);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths: Record<string, string> = { home: '/home/someone', documents: '/home/someone/Documents' };
  whenReady = vi.fn(() => Promise.resolve());
  getPath = vi.fn((name: string) => this.paths[name] ?? `/fake/${name}`);
  getVersion = vi.fn(() => '0.1.0');
  quit = vi.fn();
  showAboutPanel = vi.fn();
  setAboutPanelOptions = vi.fn();
}
export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
    recorded.protocolHandlers.set(scheme, handler);
  }),
};

export const ipcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    // As Electron does: one handler per channel.
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.ipcHandlers.set(channel, handler);
  }),
};

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: {} }));
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    recorded.exposed.set(key, api);
  }),
};

export const webUtils = { getPathForFile: vi.fn((file: { path?: string }) => file.path ?? '') };

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/home/someone/study'] })),
  showErrorBox: vi.fn(),
};

export const shell = {
  openExternal: vi.fn(async (_url: string) => {}),
  // As Electron's: '' when the system opened it, else the error message.
  openPath: vi.fn(async (_path: string) => ''),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
    const child = new FakeUtilityProcess(modulePath, args, options);
    recorded.children.push(child);
    return child;
  }),
};

/** Forgets every registration and call, for the next test. */
export function reset(): void {
  recorded.ipcHandlers.clear();
  recorded.protocolHandlers.clear();
  recorded.exposed.clear();
  recorded.windows.length = 0;
  recorded.children.length = 0;
  app.removeAllListeners();
  app.isPackaged = false;
  ipcRenderer.removeAllListeners();
  vi.clearAllMocks();
}
