import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The scripts run the compiled server (dist/, built by `pretest`), as `npm run serve` and `npm start` do.
const scripts = fileURLToPath(new URL('../../scripts/', import.meta.url));
const serve = path.join(scripts, 'serve.js');
const start = path.join(scripts, 'start.js');
const builtRenderer = fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'serve-script-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Spawns a script and waits for its `running at <url>` line (or its exit, which fails the wait). */
function launch(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Saliency Studio is running at (\S+)\n/.exec(out);
      if (m) resolve({ child, url: m[1], stdout: () => out, stderr: () => err, exit });
    });
    exit.then((code) => reject(new Error(`exited ${code} before printing its URL:\n${out}\n${err}`)));
  });
}

describe('npm run serve (scripts/serve.js)', () => {
  it('prints the URL with the token, serves the app to it, and exits 0 on SIGTERM', async () => {
    const s = await launch(serve, ['--port', '0', '--workspace', path.join(dir, 'ws1')]);
    try {
      expect(s.stdout()).toMatch(/^Saliency Studio is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}\nPress Ctrl-C to stop\.\n$/);
      const login = await fetch(s.url, { redirect: 'manual' });
      expect(login.status).toBe(303);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const page = await fetch(new URL('/', s.url), { headers: { cookie } });
      const html = await page.text();
      if (existsSync(builtRenderer)) expect([page.status, html.includes('<div id="app">') || html.includes('<html')]).toEqual([200, true]);
      else expect([page.status, html.includes('renderer not built: npm run build')]).toEqual([503, true]);
      const info = await fetch(new URL('/api/app.info', s.url), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ ok: true, value: { mode: 'browser', nativeDialogs: false } });
      expect((await fetch(new URL('/', s.url))).status).toBe(401);
      expect(s.stderr()).toBe('');
    } finally {
      s.child.kill('SIGTERM');
    }
    expect(await s.exit).toBe(0);
  });

  it('--host 0.0.0.0 warns that anyone who reaches it with the token can use the app', async () => {
    const s = await launch(serve, ['--port', '0', '--host', '0.0.0.0', '--workspace', path.join(dir, 'ws2')]);
    s.child.kill('SIGINT');
    expect(await s.exit).toBe(0);
    expect(s.stderr()).toMatch(/^warning: listening on 0\.0\.0\.0:\d+: anyone who can reach 0\.0\.0\.0:\d+ and has the token can use this app/m);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('--port abc exits 2 with one line naming the option', () => {
    const r = spawnSync(process.execPath, [serve, '--port', 'abc'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: serve: --port = "abc"; expected an integer from 0 to 65535 (0: any free port)\n');
    expect(r.stdout).toBe('');
  });

  it('a port already taken exits 1 saying so', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const r = spawnSync(process.execPath, [serve, '--port', port, '--workspace', path.join(dir, 'ws4')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^error: cannot listen \(EADDRINUSE\): the port is taken by another program; choose another with --port N/);
    } finally {
      taken.close();
    }
  });

  it('--help prints the options and exits 0', () => {
    const r = spawnSync(process.execPath, [serve, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run serve -- \[options\]/);
    for (const option of ['--port N', '--host H', '--workspace DIR', '--root DIR', '--open']) expect(r.stdout).toContain(option);
  });
});

function electronBinaryExists(): boolean {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
}

describe('npm start (scripts/start.js)', () => {
  it.skipIf(electronBinaryExists())('without Electron\'s binary (skipped where it exists: it would open the desktop app), says why and starts browser mode, headless: the URL only', async () => {
    const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    const s = await launch(start, ['--port', '0', '--workspace', path.join(dir, 'ws5')], env);
    s.child.kill('SIGTERM');
    expect(await s.exit).toBe(0);
    expect(s.stdout()).toMatch(/^Electron's binary is not installed on this machine; starting browser mode\.\nSaliency Studio is running at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\nPress Ctrl-C to stop\.\n$/);
    expect(s.stderr()).toBe('');
  });
});
