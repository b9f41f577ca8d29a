import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../src/server/create-server.js';
import { fakeService } from './fake-service.js';

export const INDEX_HTML = '<!doctype html><title>Saliency Studio test page</title><script type="module" src="/assets/app.js"></script>';
export const APP_JS = 'console.log("the app");';
/** A file beside the served folder that no request may reach. */
export const SECRET = 'secret-beside-the-renderer-7f3a';
/** A dotfile inside the served folder (an editor's or a tool's), not to be served either. */
export const DOTFILE = 'dotfile-in-the-renderer-91c2';

export interface Fixture {
  server: RunningServer;
  service: ReturnType<typeof fakeService>;
  logs: string[];
  dir: string;
  /** Headers that authenticate a fetch with the token. */
  auth: Record<string, string>;
  close(): Promise<void>;
}

/** A server on a free port over a fake service and a built-looking renderer folder (or none: `built: false`). */
export async function startFixture({ built = true, heartbeatMs }: { built?: boolean; heartbeatMs?: number } = {}): Promise<Fixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'server-test-'));
  const staticDir = path.join(dir, 'renderer');
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  if (built) {
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), INDEX_HTML);
    await writeFile(path.join(staticDir, 'assets', 'app.js'), APP_JS);
    await writeFile(path.join(staticDir, '.env'), DOTFILE);
  }
  const service = fakeService();
  const logs: string[] = [];
  const server = await startServer({ service, staticDir, log: (line) => logs.push(line), heartbeatMs });
  return {
    server, service, logs, dir,
    auth: { authorization: `Bearer ${server.token}` },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
