import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/assets.js';

/** The `key: value` lines of one top-level block of electron-builder.yml (no YAML library is a dependency). */
async function block(name: string): Promise<Record<string, string>> {
  const text = await readFile(path.join(packageRoot(), 'electron-builder.yml'), 'utf8');
  const lines = text.split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, `electron-builder.yml has a top-level ${name}: block`).toBeGreaterThanOrEqual(0);
  const entries: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const entry = /^ {2}([A-Za-z]+): (\S+)$/.exec(line);
    if (!entry) break;
    entries[entry[1]] = entry[2];
  }
  return entries;
}

describe('electron-builder.yml', () => {
  it('flips the fuses: RunAsNode, NodeOptions and NodeCliInspect off; OnlyLoadAppFromAsar, asar integrity and cookie encryption on', async () => {
    expect(await block('electronFuses')).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
    });
  });

  it('packs the app into an asar as Saliency Studio, package.json main being the compiled electron/main.js', async () => {
    const text = await readFile(path.join(packageRoot(), 'electron-builder.yml'), 'utf8');
    expect(text).toMatch(/^asar: true$/m);
    expect(text).toMatch(/^productName: Saliency Studio$/m);
    const pkg = JSON.parse(await readFile(path.join(packageRoot(), 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.js');
  });
});
