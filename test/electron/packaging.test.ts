// electron-builder.yml, checked with electron-builder's own code: its loader and schema
// validation (app-builder-lib's getConfig and validateConfiguration, scheme.json), and its
// file selection (getMainFileMatchers / getFileMatchers and builder-util's walk, the minimatch
// semantics it packs with) over this repository as `npm run build` leaves it.
//
// The real build (`npx electron-builder`) cannot run here: it needs the Electron binary, which
// is absent on this machine and cannot be downloaded. Its fuse step is covered by
// after-pack.test.ts on a fake binary.
import { existsSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import type { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/assets.js';

/** What this test uses of app-builder-lib and builder-util (getMainFileMatchers is @internal, so untyped there). */
interface BuilderInternals {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
  getMainFileMatchers(
    appDir: string, destination: string, macroExpander: (pattern: string) => string, platformOptions: object,
    platformPackager: { info: object }, outDir: string, isElectronCompile: boolean,
  ): FileMatcher[];
  getNodeModuleFileMatcher(
    appDir: string, destination: string, macroExpander: (pattern: string) => string, platformOptions: object, packager: object,
  ): FileMatcher;
  getFileMatchers(
    config: Configuration, name: 'asarUnpack', destination: string,
    options: { macroExpander: (pattern: string) => string; customBuildOptions: object; globalOutDir: string; defaultSrc: string },
  ): FileMatcher[] | null;
  DebugLogger: new (isEnabled?: boolean) => unknown;
  walk(dir: string, filter: (file: string, stat: Stats) => boolean): Promise<string[]>;
}

const require = createRequire(import.meta.url);
const builder: BuilderInternals = {
  ...(require('app-builder-lib/out/util/config/config.js') as Pick<BuilderInternals, 'getConfig' | 'validateConfiguration'>),
  ...(require('app-builder-lib/out/fileMatcher.js') as Pick<BuilderInternals, 'getMainFileMatchers' | 'getNodeModuleFileMatcher' | 'getFileMatchers'>),
  ...(require('builder-util') as Pick<BuilderInternals, 'DebugLogger' | 'walk'>),
};

const root = packageRoot();
const DESTINATION = '/packed/resources/app';
const noMacros = (pattern: string) => pattern;

async function loadConfig(): Promise<Configuration> {
  return builder.getConfig(root, path.join(root, 'electron-builder.yml'), null);
}

/** The app files electron-builder would copy for Linux (the platform options merge in, as they do there), relative to the repo. */
async function packedFiles(config: Configuration): Promise<string[]> {
  const packager = { info: { projectDir: root, buildResourcesDir: config.directories?.buildResources ?? 'build', isPrepackedAppAsar: false, config, debugLogger: new builder.DebugLogger(false) } };
  const outDir = path.resolve(root, config.directories?.output ?? 'dist');
  const matchers = builder.getMainFileMatchers(root, DESTINATION, noMacros, config.linux ?? {}, packager, outDir, false);
  expect(matchers).toHaveLength(1);
  const files = await builder.walk(root, matchers[0].createFilter());
  return files.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
}

/** electron-builder's asarUnpack filter, as its AsarPackager calls it. */
function unpackFilter(config: Configuration): (file: string, stat: Stats) => boolean {
  const matchers = builder.getFileMatchers(config, 'asarUnpack', DESTINATION, {
    macroExpander: noMacros, customBuildOptions: config.linux ?? {}, globalOutDir: path.resolve(root, 'release'), defaultSrc: root,
  });
  expect(matchers).not.toBeNull();
  return matchers![0].createFilter();
}

/**
 * A node-module file's stat as electron-builder's NodeModuleCopyHelper hands it to the filter:
 * `moduleFullFilePath` is the file's path under the app, node_modules/<package>/….
 */
function moduleFileStat(relative: string): Stats {
  return { isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false, moduleFullFilePath: relative } as unknown as Stats;
}

describe('electron-builder.yml against electron-builder 26\'s schema', () => {
  it('passes the validation electron-builder runs before every build', async () => {
    const config = await loadConfig();
    await expect(builder.validateConfiguration(config, new builder.DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is a check that can fail: a misspelt key and a wrong type are rejected by the same validation', async () => {
    const config = await loadConfig();
    await expect(builder.validateConfiguration({ ...config, asarUnpak: ['x'] } as Configuration, new builder.DebugLogger(false))).rejects.toThrow(/unknown property 'asarUnpak'/);
    await expect(builder.validateConfiguration({ ...config, asar: 'sometimes' } as unknown as Configuration, new builder.DebugLogger(false))).rejects.toThrow(/asar/);
  });

  it('names the app, builds deb first then AppImage on Linux, dmg on macOS and nsis on Windows, with the icons in build/', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.saliencystudio.app');
    expect(config.productName).toBe('Saliency Studio');
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.linux?.target).toEqual(['deb', 'AppImage']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    expect(config.directories?.buildResources).toBe('build');
    for (const icon of [config.linux?.icon, config.mac?.icon, config.win?.icon]) expect(existsSync(path.join(root, String(icon)))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) expect(existsSync(path.join(root, 'build', 'icons', `${size}x${size}.png`))).toBe(true);
  });

  it('leaves the fuses to the afterPack hook alone, so they are flipped exactly once', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toBeUndefined();
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(existsSync(path.join(root, 'build', 'after-pack.mjs'))).toBe(true);
  });
});

describe('the files electron-builder packs, over the built repo', () => {
  let config: Configuration;
  let files: string[];
  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist', 'electron', 'main.js'))) throw new Error('dist/ is not built: run `npm run build` first');
    config = await loadConfig();
    files = await packedFiles(config);
  });

  it('includes package.json, whose main is the compiled main process, the preload bundle, the renderer and the job worker entry', async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.js');
    for (const file of ['package.json', 'dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/src/jobs/worker/entry.js']) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => /^dist\/renderer\/assets\/index-[^/]+\.js$/.test(f))).toBe(true);
  });

  it('includes every bundled asset: the atlas, its names and the template', () => {
    expect(files).toEqual(expect.arrayContaining(['assets/atlases/aal.nii.gz', 'assets/atlases/aal.nii.txt', 'assets/templates/ch2bet.nii.gz', 'assets/ATTRIBUTION.md']));
  });

  it('packs nothing but dist/, assets/ and package.json: no sources, tests, benchmarks, source maps or build resources', () => {
    const strays = files.filter((f) => !(f.startsWith('dist/') || f.startsWith('assets/') || f === 'package.json'));
    expect(strays).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^dist\/(bench|test)/.test(f))).toEqual([]);
  });

  it('has something to exclude: the built repo does hold benchmarks and source maps under dist/', async () => {
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(path.join(root, 'dist'))).toContain('bench');
    expect(existsSync(path.join(root, 'dist', 'electron', 'main.js.map'))).toBe(true);
  });

  it('unpacks the bundled assets beside the asar, and keeps the app code inside it', async () => {
    const { statSync } = await import('node:fs');
    const unpacked = unpackFilter(config);
    const isUnpacked = (f: string) => unpacked(path.join(root, f), statSync(path.join(root, f)));
    expect(files.filter((f) => f.startsWith('assets/')).every(isUnpacked)).toBe(true);
    expect(files.filter((f) => !f.startsWith('assets/') && isUnpacked(f))).toEqual([]);
  });
});

describe('the production node_modules electron-builder adds', () => {
  it('leaves out the electron package (an optional dependency, its binary included) and keeps the app\'s real dependencies', async () => {
    const config = await loadConfig();
    const matcher = builder.getNodeModuleFileMatcher(root, DESTINATION, noMacros, config.linux ?? {}, { config, debugLogger: new builder.DebugLogger(false) });
    const packed = matcher.createFilter();
    for (const file of ['node_modules/electron/package.json', 'node_modules/electron/dist/electron', 'node_modules/electron/index.js']) {
      expect(packed(path.join(root, file), moduleFileStat(file)), file).toBe(false);
    }
    for (const file of ['node_modules/fastify/package.json', 'node_modules/@tensorflow/tfjs-node/deps/lib/libtensorflow.so.2', 'node_modules/electron-log/main.js']) {
      expect(packed(path.join(root, file), moduleFileStat(file)), file).toBe(true);
    }
  });
});

describe('asarUnpack for the native TensorFlow packages', () => {
  const tfjsNodeFiles = (pkg: string) => [
    `node_modules/@tensorflow/${pkg}/package.json`,
    `node_modules/@tensorflow/${pkg}/dist/index.js`,
    `node_modules/@tensorflow/${pkg}/lib/napi-v8/tfjs_binding.node`,
    `node_modules/@tensorflow/${pkg}/deps/lib/libtensorflow.so.2`,
    `node_modules/@tensorflow/${pkg}/deps/lib/libtensorflow_framework.so.2`,
    `node_modules/@tensorflow/${pkg}/deps/include/tensorflow/c/c_api.h`,
  ];

  it('unpacks the whole of tfjs-node and tfjs-node-gpu, so lib/ (the binding) and deps/ (libtensorflow) stay together', async () => {
    const unpacked = unpackFilter(await loadConfig());
    for (const file of [...tfjsNodeFiles('tfjs-node'), ...tfjsNodeFiles('tfjs-node-gpu')]) {
      expect(unpacked(path.join(root, file), moduleFileStat(file)), file).toBe(true);
    }
  });

  it('leaves the pure-JS TensorFlow packages in the asar', async () => {
    const unpacked = unpackFilter(await loadConfig());
    for (const file of ['node_modules/@tensorflow/tfjs-core/dist/index.js', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/index.js', 'node_modules/@tensorflow/tfjs-node-extra/lib/index.js']) {
      expect(unpacked(path.join(root, file), moduleFileStat(file)), file).toBe(false);
    }
  });
});
