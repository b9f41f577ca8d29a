import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedHosts, isLoopbackHost } from '../../src/server/allowed-hosts.js';
import { browserCommand } from '../../src/server/open-browser.js';
import { parseServeArgs } from '../../src/server/options.js';
import { tokenMatches } from '../../src/server/session-token.js';

const cwd = path.resolve('/tmp');

describe('parseServeArgs', () => {
  it('defaults: a free port on 127.0.0.1, ~/SaliencyStudio, roots home and the current folder', () => {
    expect(parseServeArgs([], {}, cwd)).toEqual({ port: 0, host: '127.0.0.1', workspace: path.join(homedir(), 'SaliencyStudio'), roots: [homedir(), cwd], open: false, help: false });
  });

  it('the environment gives the port and the workspace; the arguments win over it', () => {
    const env = { SALIENCY_STUDIO_PORT: '8123', SALIENCY_STUDIO_WORKSPACE: '/data/ws' };
    expect(parseServeArgs([], env, cwd)).toMatchObject({ port: 8123, workspace: '/data/ws' });
    expect(parseServeArgs(['--port', '9000', '--workspace', 'rel/ws'], env, cwd)).toMatchObject({ port: 9000, workspace: path.join(cwd, 'rel/ws') });
  });

  it('--root repeats and replaces the default roots; each must be an existing folder', () => {
    expect(parseServeArgs(['--root', '/tmp', '--root', '/', '--root', '/tmp'], {}, cwd).roots).toEqual(['/tmp', '/']);
    expect(() => parseServeArgs(['--root', '/no/such/folder'], {}, cwd)).toThrow('serve: --root = "/no/such/folder"; expected an existing folder');
  });

  it('a bad port names its source and the range', () => {
    for (const bad of ['abc', '-1', '65536', '80.5', '', '0x50']) {
      expect(() => parseServeArgs([`--port=${bad}`], {}, cwd)).toThrow(`serve: --port = "${bad}"; expected an integer from 0 to 65535 (0: any free port)`);
    }
    expect(() => parseServeArgs([], { SALIENCY_STUDIO_PORT: 'http' }, cwd)).toThrow('serve: SALIENCY_STUDIO_PORT = "http"; expected an integer');
  });

  it('a host with a scheme, port or path is refused; an IPv6 literal is taken with or without brackets', () => {
    expect(() => parseServeArgs(['--host', 'http://0.0.0.0'], {}, cwd)).toThrow(/--host = "http:\/\/0.0.0.0"; expected a host name or IP address/);
    expect(() => parseServeArgs(['--host', 'box/x'], {}, cwd)).toThrow(/--host/);
    expect(parseServeArgs(['--host', '[::1]'], {}, cwd).host).toBe('::1');
    expect(parseServeArgs(['--host', 'gpu-box.lan'], {}, cwd).host).toBe('gpu-box.lan');
  });

  it('unknown options and positionals are usage errors', () => {
    expect(() => parseServeArgs(['--prot', '80'], {}, cwd)).toThrow(/serve: arguments = "--prot 80"; expected valid options \(Unknown option '--prot'/);
    expect(() => parseServeArgs(['8080'], {}, cwd)).toThrow('serve: arguments = "8080"; expected options only (see --help)');
  });
});

describe('allowedHosts', () => {
  it('loopback names with the port; with a --host, that one too', () => {
    expect([...allowedHosts('127.0.0.1', 5000)]).toEqual(['127.0.0.1:5000', 'localhost:5000', '[::1]:5000']);
    expect([...allowedHosts('GPU-box.lan', 5000)]).toEqual(['127.0.0.1:5000', 'localhost:5000', '[::1]:5000', 'gpu-box.lan:5000']);
  });

  it('bound to every interface, this machine\'s addresses are answered, a rebinding name is not', () => {
    const hosts = allowedHosts('0.0.0.0', 5000);
    expect(hosts.has('127.0.0.1:5000')).toBe(true);
    expect(hosts.has('evil.example:5000')).toBe(false);
    expect([...hosts].every((h) => h.endsWith(':5000'))).toBe(true);
  });

  it('isLoopbackHost: 127/8, ::1 and localhost only', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost', 'LocalHost'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.1', 'localhost.evil.example', '127.0.0.1.nip.io'].map(isLoopbackHost)).toEqual([false, false, false, false, false]);
  });
});

describe('tokenMatches', () => {
  it('only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(['abd', 'ab', 'abcd', '', undefined].map((t) => tokenMatches('abc', t))).toEqual([false, false, false, false, false]);
  });
});

describe('browserCommand', () => {
  const url = 'http://127.0.0.1:5000/?token=t';
  it('xdg-open on Linux with a display (X or Wayland), nothing headless', () => {
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand(url, 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserCommand(url, 'linux', {})).toBeNull();
  });

  it('open on macOS, start through cmd on Windows (an empty title first)', () => {
    expect(browserCommand(url, 'darwin', {})).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
  });
});
