import type { ApiBridge } from '../../../src/api/index.js';

// The Electron preload's `window.api` (src/api/bridge.ts); absent in a browser.
declare global {
  interface Window {
    api?: ApiBridge;
  }
}

export type { ApiBridge };
