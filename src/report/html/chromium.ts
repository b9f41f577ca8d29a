import { existsSync } from 'node:fs';
import { InputError } from '../../errors.js';

/** Chromium is needed for the PDF and is not installed (or not where we look). */
export class ChromiumMissingError extends InputError {}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Path of a Chromium/Chrome executable: `CHROMIUM_PATH` when set (it must exist), else the
 * usual system locations; null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Like `findChromium`, but a missing browser is an error that says what to install. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if (found) return found;
  const given = env.CHROMIUM_PATH;
  if (given) {
    throw new ChromiumMissingError('CHROMIUM_MISSING', 'environment', 'CHROMIUM_PATH', given, 'the path of an existing Chromium or Chrome executable');
  }
  throw new ChromiumMissingError(
    'CHROMIUM_MISSING', 'report.pdf', 'Chromium', `none of ${CANDIDATES.join(', ')}`,
    'a Chromium browser to print the PDF: install it (Debian/Ubuntu: `apt install chromium`) or set CHROMIUM_PATH to a Chrome/Chromium executable',
  );
}
