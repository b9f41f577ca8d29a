import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { serveRenderer, setupProtocol } from '../../electron/setup-protocol.js';
import { tempDir } from '../helpers/temp-tree.js';
import { protocol, recorded, reset } from './mock-electron.js';

beforeEach(reset);

const INDEX = '<!doctype html><title>Saliency Studio</title>';

/** A renderer folder beside a secret file (what `..` would reach), and a symlink out of it. */
async function rendererTree() {
  const top = await tempDir();
  const root = path.join(top, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX);
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(top, 'package.json'), '{"secret":true}');
  await symlink(path.join(top, 'package.json'), path.join(root, 'linked.json'));
  return root;
}

const get = (root: string, url: string) => serveRenderer(root, { url, method: 'GET' });

describe('the app:// protocol', () => {
  it('registers app as a standard, secure, fetch-capable scheme and handles it once ready', async () => {
    setupProtocol('/nowhere');
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    await Promise.resolve();
    expect([...recorded.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('serves index.html for app://renderer/ with a CSP header that allows no eval and connects only to itself', async () => {
    const root = await rendererTree();
    for (const url of ['app://renderer/', 'app://renderer/index.html']) {
      const response = await get(root, url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/https?:/);
    }
    const script = await get(root, 'app://renderer/assets/app.js');
    expect([script.status, script.headers.get('content-type'), await script.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
  });

  it('answers 404 (with the CSP header) for .. in any encoding, a symlink out, a folder, a missing file or another host', async () => {
    const root = await rendererTree();
    const refused = [
      'app://renderer/../package.json',
      'app://renderer/%2e%2e/package.json',
      'app://renderer/..%2fpackage.json',
      'app://renderer/..%2Fpackage.json',
      'app://renderer/assets/..%2f..%2fpackage.json',
      'app://renderer/..%5cpackage.json',
      'app://renderer/%252e%252e%252fpackage.json',
      'app://renderer/linked.json',
      'app://renderer/assets',
      'app://renderer/missing.js',
      'app://renderer/index.html%00.js',
      'app://other/index.html',
      'app://renderer/%E0%A4%A',
    ];
    for (const url of refused) {
      const response = await get(root, url);
      expect([url, response.status]).toEqual([url, 404]);
      expect(await response.text()).not.toContain('secret');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const root = await rendererTree();
    expect((await serveRenderer(root, { url: 'app://renderer/index.html', method: 'POST' })).status).toBe(405);
    const head = await serveRenderer(root, { url: 'app://renderer/index.html', method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
  });
});
