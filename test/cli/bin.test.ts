import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shared } from '../helpers/shared-data.js';

// The installed launcher runs the compiled CLI (built by `prepare`, and by `pretest`).
const bin = fileURLToPath(new URL('../../bin/saliency-studio.js', import.meta.url));

describe('the saliency-studio launcher', () => {
  it('prints help listing the commands', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/inspect/);
    expect(out).toMatch(/parcellate/);
    expect(out).toMatch(/study/);
  });

  it('exits non-zero with one error line and no stack trace for a malformed file', () => {
    const r = spawnSync(process.execPath, [bin, 'inspect', shared('nifti', 'reference.json')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat /);
  });

  it('an unknown command exits 2 and names the valid ones', () => {
    const r = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"; expected one of demo, inspect, parcellate, study, synth, train, saliency, report, reproduce-paper/);
  });
});
