// The part of Electron 41's API the shell uses, as its documentation gives it
// (https://www.electronjs.org/docs/latest/api/). The `electron` package is an optional
// dependency whose binary is often absent, so the shell compiles against these instead;
// anything not used here is deliberately left out.
declare module 'electron' {
  import type { EventEmitter } from 'node:events';

  /** Electron's Event: a DOM-like event whose default can be prevented, with the event's own fields. */
  type Event<Params extends object = {}> = { preventDefault(): void; readonly defaultPrevented: boolean } & Params;

  // ---- app -------------------------------------------------------------------------------
  type PathName = 'home' | 'appData' | 'userData' | 'temp' | 'documents' | 'downloads' | 'desktop' | 'logs';
  interface AboutPanelOptionsOptions {
    applicationName?: string;
    applicationVersion?: string;
    copyright?: string;
    credits?: string;
  }
  interface App extends EventEmitter {
    on(event: 'web-contents-created', listener: (event: Event, webContents: WebContents) => void): this;
    on(event: 'window-all-closed', listener: () => void): this;
    on(event: 'before-quit', listener: (event: Event) => void): this;
    on(event: 'activate', listener: (event: Event, hasVisibleWindows: boolean) => void): this;
    whenReady(): Promise<void>;
    getPath(name: PathName): string;
    getVersion(): string;
    quit(): void;
    showAboutPanel(): void;
    setAboutPanelOptions(options: AboutPanelOptionsOptions): void;
    readonly isPackaged: boolean;
  }
  export const app: App;

  // ---- protocol --------------------------------------------------------------------------
  interface Privileges {
    standard?: boolean;
    secure?: boolean;
    bypassCSP?: boolean;
    allowServiceWorkers?: boolean;
    supportFetchAPI?: boolean;
    corsEnabled?: boolean;
    stream?: boolean;
    codeCache?: boolean;
  }
  interface CustomScheme {
    scheme: string;
    privileges?: Privileges;
  }
  interface Protocol {
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  }
  export const protocol: Protocol;

  // ---- session ---------------------------------------------------------------------------
  interface Session {
    setPermissionRequestHandler(
      handler: ((webContents: WebContents, permission: string, callback: (permissionGranted: boolean) => void, details: object) => void) | null,
    ): void;
    setPermissionCheckHandler(
      handler: ((webContents: WebContents | null, permission: string, requestingOrigin: string, details: object) => boolean) | null,
    ): void;
  }

  // ---- webContents, frames ---------------------------------------------------------------
  interface WebFrameMain {
    readonly url: string;
  }
  interface WebContentsWillNavigateEventParams {
    url: string;
    isSameDocument: boolean;
    isMainFrame: boolean;
    frame: WebFrameMain | null;
    initiator?: WebFrameMain | null;
  }
  interface HandlerDetails {
    url: string;
    frameName: string;
    features: string;
    disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  }
  type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow'; overrideBrowserWindowOptions?: BrowserWindowConstructorOptions };
  interface WebContents extends EventEmitter {
    on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>) => void): this;
    on(event: 'will-attach-webview', listener: (event: Event, webPreferences: WebPreferences, params: Record<string, string>) => void): this;
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    send(channel: string, ...args: unknown[]): void;
    getURL(): string;
    isDestroyed(): boolean;
    getLastWebPreferences(): WebPreferences | null;
    /** The page printed to PDF, as Chromium's print preview would (https://www.electronjs.org/docs/latest/api/web-contents#contentsprinttopdfoptions). */
    printToPDF(options: PrintToPDFOptions): Promise<Buffer>;
    readonly session: Session;
  }
  interface PrintToPDFOptions {
    landscape?: boolean;
    displayHeaderFooter?: boolean;
    printBackground?: boolean;
    scale?: number;
    /** A named size (A4, Letter…) or { width, height } in inches. */
    pageSize?: 'A0' | 'A1' | 'A2' | 'A3' | 'A4' | 'A5' | 'A6' | 'Legal' | 'Letter' | 'Tabloid' | 'Ledger' | { width: number; height: number };
    /** In inches. */
    margins?: { top?: number; bottom?: number; left?: number; right?: number };
    pageRanges?: string;
    headerTemplate?: string;
    footerTemplate?: string;
    preferCSSPageSize?: boolean;
    generateTaggedPDF?: boolean;
    generateDocumentOutline?: boolean;
  }

  // ---- BrowserWindow ---------------------------------------------------------------------
  interface WebPreferences {
    preload?: string;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    contextIsolation?: boolean;
    webSecurity?: boolean;
    spellcheck?: boolean;
    javascript?: boolean;
    images?: boolean;
    webgl?: boolean;
    plugins?: boolean;
    navigateOnDragDrop?: boolean;
  }
  interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    backgroundColor?: string;
    webPreferences?: WebPreferences;
  }
  export class BrowserWindow extends EventEmitter {
    constructor(options?: BrowserWindowConstructorOptions);
    static getAllWindows(): BrowserWindow[];
    static getFocusedWindow(): BrowserWindow | null;
    readonly webContents: WebContents;
    loadURL(url: string): Promise<void>;
    show(): void;
    isDestroyed(): boolean;
    /** Closes the window at once: no unload handlers, no 'close' event. */
    destroy(): void;
    once(event: 'ready-to-show', listener: () => void): this;
  }

  // ---- ipc -------------------------------------------------------------------------------
  interface IpcMainInvokeEvent extends Event {
    readonly sender: WebContents;
    readonly senderFrame: WebFrameMain | null;
  }
  interface IpcMain extends EventEmitter {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<unknown> | unknown): void;
  }
  export const ipcMain: IpcMain;

  interface IpcRendererEvent extends Event {}
  interface IpcRenderer extends EventEmitter {
    invoke(channel: string, ...args: unknown[]): Promise<any>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): this;
    removeListener(channel: string, listener: (...args: any[]) => void): this;
  }
  export const ipcRenderer: IpcRenderer;

  interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }
  export const contextBridge: ContextBridge;

  interface WebUtils {
    /** The file-system path of a File (from a drop or an <input>), or '' for one not backed by a file. */
    getPathForFile(file: File): string;
  }
  export const webUtils: WebUtils;

  // ---- dialog, shell, menu ---------------------------------------------------------------
  interface OpenDialogOptions {
    title?: string;
    defaultPath?: string;
    buttonLabel?: string;
    properties?: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'showHiddenFiles' | 'createDirectory' | 'dontAddToRecent'>;
  }
  interface OpenDialogReturnValue {
    canceled: boolean;
    filePaths: string[];
  }
  interface Dialog {
    showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showErrorBox(title: string, content: string): void;
  }
  export const dialog: Dialog;

  interface Shell {
    openExternal(url: string): Promise<void>;
    /** Opens a file or folder with the desktop's default app; resolves to '' on success, else the error message. */
    openPath(path: string): Promise<string>;
  }
  export const shell: Shell;

  interface MenuItemConstructorOptions {
    label?: string;
    role?: 'about' | 'appMenu' | 'fileMenu' | 'editMenu' | 'quit' | 'reload' | 'toggleDevTools' | 'close' | 'copy' | 'paste' | 'cut' | 'selectAll' | 'undo' | 'redo';
    type?: 'normal' | 'separator' | 'submenu';
    accelerator?: string;
    click?: (menuItem: unknown, window: BrowserWindow | undefined, event: unknown) => void;
    submenu?: MenuItemConstructorOptions[];
  }
  export class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
    static setApplicationMenu(menu: Menu | null): void;
  }

  // ---- utilityProcess --------------------------------------------------------------------
  interface ForkOptions {
    env?: Record<string, string | undefined>;
    execArgv?: string[];
    cwd?: string;
    stdio?: 'pipe' | 'ignore' | 'inherit' | Array<'pipe' | 'ignore' | 'inherit'>;
    serviceName?: string;
  }
  interface UtilityProcess extends EventEmitter {
    readonly pid: number | undefined;
    readonly stdout: NodeJS.ReadableStream | null;
    readonly stderr: NodeJS.ReadableStream | null;
    postMessage(message: unknown): void;
    kill(): boolean;
    on(event: 'spawn', listener: () => void): this;
    on(event: 'exit', listener: (code: number) => void): this;
    on(event: 'message', listener: (message: unknown) => void): this;
    on(event: 'error', listener: (type: 'FatalError', location: string, report: string) => void): this;
    once(event: 'exit', listener: (code: number) => void): this;
  }
  interface UtilityProcessModule {
    fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess;
  }
  export const utilityProcess: UtilityProcessModule;

  export type {
    Event, IpcMainInvokeEvent, IpcRendererEvent, MenuItemConstructorOptions, Session, UtilityProcess, WebContents, WebFrameMain,
    WebPreferences, BrowserWindowConstructorOptions, HandlerDetails, OpenDialogOptions, PrintToPDFOptions,
  };
}
