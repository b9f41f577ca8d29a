import { execFileSync, spawnSync } from 'node:child_process';

/** The Python used to load outputs as their readers would: $PYTHON, else /usr/bin/python3. */
export const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Whether PYTHON can import every module. */
export function pythonHas(...modules: string[]): boolean {
  const r = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Whether PYTHON can import every module, and the suffix for the names of the tests that need
 * them: '' when it can, else ' (skipped: <python> cannot import <modules> …)', so a skipped
 * test says why in its own name.
 */
export function pythonFor(...modules: string[]): { ok: boolean; skip: string } {
  const ok = pythonHas(...modules);
  return { ok, skip: ok ? '' : ` (skipped: ${PYTHON} cannot import ${modules.join(', ')}; set PYTHON to one that can)` };
}

/** Runs a Python script with arguments and returns its stdout parsed as JSON. */
export function runPythonJson(script: string, args: string[]): unknown {
  return JSON.parse(execFileSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' }));
}
