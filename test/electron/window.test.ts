import { beforeEach, describe, expect, it } from 'vitest';
import { setupWindow } from '../../electron/setup-window.js';
import { recorded, reset } from './mock-electron.js';

beforeEach(reset);

describe('setupWindow', () => {
  it('opens one window with isolation, no Node, the sandbox and web security on, and the bundled preload', () => {
    setupWindow();
    expect(recorded.windows).toHaveLength(1);
    const preferences = recorded.windows[0].options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, spellcheck: false });
    expect(String(preferences.preload)).toMatch(/[\\/]dist[\\/]electron[\\/]preload\.cjs$/);
  });

  it('loads the renderer from app://renderer/index.html, never file://', () => {
    setupWindow();
    expect(recorded.windows[0].loaded).toEqual(['app://renderer/index.html']);
  });
});
