import { execFileSync, spawnSync } from 'node:child_process';

/** The Python used to load outputs as their readers would: $PYTHON, else /usr/bin/python3. */
export const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Whether PYTHON can import every module; checked once per module list. */
export function pythonHas(...modules: string[]): boolean {
  const r = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
  const ok = r.status === 0;
  if (!ok) console.warn(`[report tests] skipped: ${PYTHON} cannot import ${modules.join(', ')} (set PYTHON to one that can)`);
  return ok;
}

/** Runs a Python script with arguments and returns its stdout parsed as JSON. */
export function runPythonJson(script: string, args: string[]): unknown {
  return JSON.parse(execFileSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' }));
}
