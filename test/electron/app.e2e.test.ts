import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/assets.js';

/**
 * The real Electron binary, or null. `electron` is an optional dependency whose download
 * often fails; its package then throws on require (decided here, at collection time, so the
 * skip shows in the test's name).
 */
function electronBinary(): string | null {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

describe('the Electron app, launched with Playwright', () => {
  if (!binary) {
    it.skip('skipped: no Electron binary on this machine (optional dependency)', () => {});
    return;
  }
  let app: ElectronApplication;
  let home = '';

  beforeAll(async () => {
    // A fresh home, so the workspace (Documents/Saliency Studio) is made there and not in the user's.
    home = await mkdtemp(path.join(tmpdir(), 'electron-home-'));
    const args = [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), packageRoot()];
    app = await _electron.launch({ executablePath: binary, args, env: { ...process.env, HOME: home, XDG_DOCUMENTS_DIR: path.join(home, 'Documents') } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('shows app://renderer with isolation, no Node in the page, window.api per channel, and a CSP without unsafe-eval', async () => {
    const shown = await app.firstWindow();
    await shown.waitForLoadState('domcontentloaded');
    expect(shown.url()).toBe('app://renderer/index.html');
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const p = BrowserWindow.getAllWindows()[0].webContents.getLastWebPreferences();
      return p && { contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration, sandbox: p.sandbox, webSecurity: p.webSecurity };
    });
    expect(preferences).toEqual({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    const page = await shown.evaluate(async () => {
      const page = globalThis as unknown as { api?: Record<string, unknown>; require?: unknown; process?: unknown; open(url: string): unknown };
      const api = page.api ?? {};
      const response = await fetch('app://renderer/index.html');
      return {
        node: [typeof page.require, typeof page.process],
        appInfo: typeof api.appInfo,
        invoke: 'invoke' in api,
        csp: response.headers.get('content-security-policy'),
        opened: page.open('app://renderer/index.html') === null,
      };
    });
    expect(page).toMatchObject({ node: ['undefined', 'undefined'], appInfo: 'function', invoke: false, opened: true });
    expect(page.csp).toContain("connect-src 'self'");
    expect(page.csp).not.toContain('unsafe-eval');
  });

  it('answers app.info over the bridge as an envelope from the electron-mode service', async () => {
    const shown = await app.firstWindow();
    const answer = await shown.evaluate(() => (globalThis as unknown as { api: { appInfo(r: object): Promise<unknown> } }).api.appInfo({}));
    expect(answer).toMatchObject({ ok: true, value: { mode: 'electron', nativeDialogs: true } });
  });
});
