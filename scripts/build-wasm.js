// Builds src/model/fused-wasm/recurrence.wasm from its AssemblyScript sources (assembly/):
//   node scripts/build-wasm.js           compile and write the checked-in binary
//   node scripts/build-wasm.js --check   compile in memory; exit 1 unless the checked-in binary is identical
//   node scripts/build-wasm.js --copy    copy the binary beside its module in dist/ (npm run build)
// The binary is checked in so that installs without the AssemblyScript toolchain still run it;
// the --check (a test) keeps it from drifting from its source.
import asc from 'assemblyscript/asc';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folder = 'src/model/fused-wasm';
const binary = path.join(root, folder, 'recurrence.wasm');

// SIMD for the products; a shared, imported memory so that helper threads run over the same
// buffers; the stub runtime, since the sweeps never allocate (JS lays out their buffers).
export const FLAGS = [
  '-O3', '--noAssert', '--runtime', 'stub', '--enable', 'simd', '--enable', 'threads',
  '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', '65536',
];

async function compile() {
  let wasm = null;
  const { error, stderr } = await asc.main([path.join(folder, 'assembly', 'index.ts'), '--outFile', 'recurrence.wasm', ...FLAGS], {
    baseDir: root,
    writeFile(name, contents) {
      if (name.endsWith('.wasm')) wasm = Buffer.from(contents);
    },
  });
  if (error) {
    process.stderr.write(stderr.toString());
    throw error;
  }
  return wasm;
}

const mode = process.argv[2];
if (mode === '--copy') {
  const target = path.join(root, 'dist', folder);
  mkdirSync(target, { recursive: true });
  copyFileSync(binary, path.join(target, 'recurrence.wasm'));
} else if (mode === '--check') {
  const built = await compile();
  if (!built.equals(readFileSync(binary))) {
    process.stderr.write(`${path.relative(root, binary)} does not match its sources: run node scripts/build-wasm.js\n`);
    process.exit(1);
  }
} else {
  writeFileSync(binary, await compile());
}
