import { createRequire } from 'node:module';
import { restoreLegacyUtil } from './legacy-util.js';
import type { LoadResult } from './types.js';

const require = createRequire(import.meta.url);

/**
 * Imports a package, telling "not installed" apart from "installed but broken" (e.g. a native
 * library that fails to load), because the first is a normal fall-back and the second is
 * worth reporting with its message.
 */
export async function importPackage(name: string): Promise<LoadResult> {
  if (!isInstalled(name)) return { status: 'missing' };
  if (name.startsWith('@tensorflow/tfjs-node')) restoreLegacyUtil();
  try {
    return { status: 'loaded', module: await import(name) };
  } catch (err) {
    if (isMissingPackageError(err, name)) return { status: 'missing' };
    return { status: 'failed', message: firstLine(err) };
  }
}

function isInstalled(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch (err) {
    // A package that resolves but is broken (missing main, ESM-only exports) is installed.
    return !isMissingPackageError(err, name);
  }
}

/** True when the error says `name` itself is absent, not a file or dependency inside it. */
function isMissingPackageError(err: unknown, name: string): boolean {
  const e = err as NodeJS.ErrnoException;
  const code = e?.code;
  const message = String(e?.message ?? '');
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && (message.includes(`'${name}'`) || message.includes(`"${name}"`));
}

/** The first line of an error message (native loaders add long stacks). */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'unknown error';
}
