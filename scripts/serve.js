#!/usr/bin/env node
// `npm run serve`: browser mode. The server is compiled to dist/ by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/server/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('npm run serve: not built yet; run `npm run build` in the package folder first.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
// Exit even if a job's worker is still winding down after the stop.
process.exit(await main(process.argv.slice(2)));
