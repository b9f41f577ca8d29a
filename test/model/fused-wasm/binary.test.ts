import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('recurrence.wasm', () => {
  it('is the binary its AssemblyScript sources compile to (scripts/build-wasm.js --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/build-wasm.js', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
