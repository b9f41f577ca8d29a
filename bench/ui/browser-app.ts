// The app as a user runs it, for the end-to-end test and bench/ui: `npm run serve` (from the
// repository root, dist built) and Debian's headless Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../src/report/html/chromium.js';

/** `npm run serve` as a user runs it, on a free port, with its printed URL (token included). */
export interface ServedApp {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `node scripts/serve.js --port 0 …args` and waits for its "running at <url>" line. */
export async function serveApp(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServedApp> {
  const child = spawn(process.execPath, ['scripts/serve.js', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run serve printed no URL in 30 s:\n${output}`)), 30_000);
    lines.on('line', (line) => {
      output += `${line}\n`;
      const m = /(http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`npm run serve exited (${code}) before printing its URL:\n${output}`)));
  });
  return {
    url, process: child, output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** The WebGL/WebGPU-capable headless Chromium of this machine (Debian's), or null when there is none. */
export async function launchChromium(): Promise<Browser | null> {
  const executablePath = findChromium();
  if (!executablePath) return null;
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}
