import { beforeEach, describe, expect, it } from 'vitest';
import { safeExternalUrl } from '../../electron/external-link.js';
import { setupSecurity } from '../../electron/setup-security.js';
import { app, FakeWebContents, reset, shell } from './mock-electron.js';

beforeEach(reset);

/** A web contents as Electron creates one, passed through setupSecurity's listener. */
function guarded(): FakeWebContents {
  setupSecurity();
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents);
  return contents;
}

function navigate(contents: FakeWebContents, url: string): boolean {
  let prevented = false;
  contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
  return prevented;
}

const open = (contents: FakeWebContents, url: string) => contents.windowOpenHandler!({ url, frameName: '', features: '', disposition: 'foreground-tab' });

describe('setupSecurity', () => {
  it('prevents navigation away from app://renderer and allows it within', () => {
    const contents = guarded();
    expect(navigate(contents, 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'app://renderer.evil.example/')).toBe(true);
    expect(navigate(contents, 'app://other/index.html')).toBe(true);
    expect(navigate(contents, 'not a url')).toBe(true);
    expect(navigate(contents, 'app://renderer/index.html')).toBe(false);
    expect(navigate(contents, 'app://renderer/')).toBe(false);
  });

  it('denies every window.open; an https link opens once in the system browser, javascript:, file: and http: never do', () => {
    const contents = guarded();
    for (const url of ['https://github.com/saliency-studio', 'javascript:alert(1)', 'file:///etc/passwd', 'http://example.com/', 'app://renderer/index.html', 'https://user:pw@example.com/']) {
      expect([url, open(contents, url)]).toEqual([url, { action: 'deny' }]);
    }
    expect(shell.openExternal.mock.calls).toEqual([['https://github.com/saliency-studio']]);
  });

  it('prevents attaching a <webview>', () => {
    const contents = guarded();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('denies every permission request and check', () => {
    const { session } = guarded();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'fullscreen']) {
      const answers: boolean[] = [];
      session.permissionRequestHandler!(null, permission, (granted) => answers.push(granted), {});
      expect([permission, answers]).toEqual([permission, [false]]);
      expect(session.permissionCheckHandler!(null, permission, 'app://renderer', {})).toBe(false);
    }
  });
});

describe('safeExternalUrl', () => {
  it('passes https URLs with a host and no credentials, normalised, and nothing else', () => {
    expect(safeExternalUrl('https://example.com/docs?x=1#y')).toBe('https://example.com/docs?x=1#y');
    expect(safeExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/');
    for (const url of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user@example.com', 'https://:pw@example.com', 'mailto:a@b.c', 'https:', '', 'data:text/html,x']) {
      expect([url, safeExternalUrl(url)]).toEqual([url, null]);
    }
  });
});
