// build/after-pack.mjs, the hook that flips the packaged binary's fuses, run on fake Electron
// binaries: random bytes around @electron/fuses's sentinel and a V1 fuse wire laid out as that
// package reads it (sentinel, version byte 1, wire length, one '0'/'1' byte per fuse). The real
// packaged binary cannot be made here (no Electron binary on this machine).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import afterPack, { electronBinary, FUSES } from '../../build/after-pack.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const OFF = 0x30; // '0'
const ON = 0x31; // '1'
// Electron's shipped states, fuse by fuse in wire order: RunAsNode on, cookie encryption off,
// NODE_OPTIONS on, --inspect on, asar integrity off, only-from-asar off, browser V8 snapshot off,
// file: extra privileges on, wasm trap handlers on.
const SHIPPED = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];
// What the hook must leave: issue 11's six set, the last three as shipped.
const HARDENED = [OFF, ON, OFF, OFF, ON, ON, OFF, ON, ON];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'after-pack-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a fake binary at `file`: noise, the sentinel and wire, more noise; answers where the wire's states start. */
async function fakeElectron(file: string, states = SHIPPED): Promise<number> {
  const head = randomBytes(4096);
  const wire = Buffer.from([...Buffer.from(SENTINEL), 1, states.length, ...states]);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.concat([head, wire, randomBytes(4096)]));
  return head.length + SENTINEL.length + 2;
}

/** A context as electron-builder passes one to afterPack, for the fields the hook reads. */
function context(electronPlatformName: string, arch = 1, executableName?: string) {
  return { appOutDir: dir, electronPlatformName, arch, packager: { appInfo: { productFilename: 'Saliency Studio' }, executableName } };
}

describe('build/after-pack.mjs', () => {
  it('flips exactly the six configured fuses of a Linux build and no other byte of the binary', async () => {
    const binary = path.join(dir, 'saliency-studio');
    const at = await fakeElectron(binary);
    const before = await readFile(binary);
    await afterPack(context('linux', 1, 'saliency-studio'));
    const after = await readFile(binary);

    const wire = await getCurrentFuseWire(binary);
    expect(Array.from({ length: 9 }, (_, i) => wire[i as FuseV1Options])).toEqual(HARDENED);
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]).map((i) => i - at);
    // Wire positions 0–5 are the configured fuses; each one's state differs from Electron's.
    expect(changed).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('configures the set issue 11 lists, by @electron/fuses\'s names', () => {
    expect(FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });

  it('is idempotent: a binary already hardened is left byte for byte as it was', async () => {
    const binary = path.join(dir, 'saliency-studio');
    await fakeElectron(binary, HARDENED);
    const before = await readFile(binary);
    await afterPack(context('linux', 1, 'saliency-studio'));
    expect((await readFile(binary)).equals(before)).toBe(true);
  });

  it('finds each platform\'s binary: Linux\'s executable, the .exe, and the macOS app\'s main executable', () => {
    expect(electronBinary(context('linux', 1, 'saliency-studio'))).toBe(path.join(dir, 'saliency-studio'));
    expect(electronBinary(context('linux'))).toBe(path.join(dir, 'Saliency Studio'));
    expect(electronBinary(context('win32'))).toBe(path.join(dir, 'Saliency Studio.exe'));
    expect(electronBinary(context('darwin'))).toBe(path.join(dir, 'Saliency Studio.app', 'Contents', 'MacOS', 'Saliency Studio'));
    expect(() => electronBinary(context('sunos'))).toThrow(/no Electron binary known for platform "sunos"/);
  });

  it('on macOS flips the wire in the Electron Framework, where it lives, and leaves the launcher alone', async () => {
    const app = path.join(dir, 'Saliency Studio.app', 'Contents');
    const launcher = path.join(app, 'MacOS', 'Saliency Studio');
    await mkdir(path.dirname(launcher), { recursive: true });
    await writeFile(launcher, 'launcher without a fuse wire');
    const framework = path.join(app, 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
    await fakeElectron(framework);
    await afterPack(context('darwin', 1)); // x64: no ad-hoc re-signing (and no codesign here)
    const wire = await getCurrentFuseWire(framework);
    expect(Array.from({ length: 9 }, (_, i) => wire[i as FuseV1Options])).toEqual(HARDENED);
    expect(await readFile(launcher, 'utf8')).toBe('launcher without a fuse wire');
  });

  it('fails the build when the binary has no fuse wire, instead of shipping it unhardened', async () => {
    await writeFile(path.join(dir, 'saliency-studio'), randomBytes(1024));
    await expect(afterPack(context('linux', 1, 'saliency-studio'))).rejects.toThrow(/Could not find sentinel/);
  });
});
