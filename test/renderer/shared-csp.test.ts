import { describe, expect, it } from 'vitest';
import html from '../../renderer/index.html?raw';
import { contentSecurityPolicy } from '../../src/api/csp.js';

const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';

describe('the renderer page\u2019s CSP meta tag', () => {
  it('is the shared policy (events over ws: or wss:), less frame-ancestors which a meta tag cannot carry', () => {
    const expected = contentSecurityPolicy({ connect: ['ws:', 'wss:'] }).split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta).toBe(expected);
  });

  it('allows no eval and no remote origin', () => {
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe-eval');
    expect(meta).not.toMatch(/https?:/);
  });
});
