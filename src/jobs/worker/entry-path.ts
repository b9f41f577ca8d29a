import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageRoot } from '../../assets.js';

/**
 * The compiled worker entry (entry.js beside this module). Run from TypeScript sources (the
 * tests), there is none beside it, so the copy `tsc` writes to dist/ is used instead.
 */
export function jobWorkerEntry(): URL {
  const beside = new URL('./entry.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const root = packageRoot();
  const here = path.relative(root, path.dirname(fileURLToPath(import.meta.url)));
  const compiled = path.join(root, 'dist', here, 'entry.js');
  if (existsSync(compiled)) return pathToFileURL(compiled);
  throw new Error(`the job worker is not built (no ${compiled}); run \`npm run build\` first`);
}
