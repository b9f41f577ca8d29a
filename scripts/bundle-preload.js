// Bundles electron/preload.ts (with src/api and zod) into ONE CommonJS file,
// dist/electron/preload.cjs: a sandboxed Electron preload can require only `electron`.
// Run by `npm run build` after tsc; fails if the bundle would require anything else.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist', 'electron', 'preload.cjs');

const result = await build({
  absWorkingDir: root,
  entryPoints: ['electron/preload.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'es2022',
  external: ['electron'],
  metafile: true,
  logLevel: 'warning',
});

const required = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
const foreign = [...new Set(required)].filter((name) => name !== 'electron');
if (foreign.length > 0) {
  console.error(`bundle-preload: ${path.relative(root, outfile)} would require ${foreign.join(', ')}; a sandboxed preload can require only electron`);
  process.exit(1);
}
