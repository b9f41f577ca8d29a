#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists; otherwise browser mode, which
// prints its address and opens the system browser where there is a screen.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const electronMain = fileURLToPath(new URL('../dist/electron/main.js', import.meta.url));
const serverCli = new URL('../dist/src/server/cli.js', import.meta.url);

/** Electron's binary path, or null: the package is optional and its download may have failed. */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (binary && existsSync(electronMain)) {
  const child = spawn(binary, ['.', ...args], { cwd: packageDir, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const why = binary
    ? 'the desktop shell is not built (dist/electron/main.js is missing; run `npm run build`)'
    : "Electron's binary is not installed on this machine";
  process.stdout.write(`${why}; starting browser mode.\n`);
  if (!existsSync(fileURLToPath(serverCli))) {
    process.stderr.write('npm start: not built yet; run `npm run build` in the package folder first.\n');
    process.exit(1);
  }
  const { main } = await import(serverCli.href);
  process.exit(await main(['--open', ...args]));
}
