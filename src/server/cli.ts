import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../assets.js';
import type { CliIO } from '../cli/io.js';
import { processIO } from '../cli/io.js';
import { InputError } from '../errors.js';
import { isSystemError } from '../util/fs-errors.js';
import { hostPort, isLoopbackHost } from './allowed-hosts.js';
import { startServer } from './create-server.js';
import { openBrowser } from './open-browser.js';
import { parseServeArgs, serveHelp } from './options.js';

/**
 * `npm run serve`: starts the service and the server, prints the address (with its token), and
 * runs until SIGINT or SIGTERM, then stops the jobs and the server. Returns the exit code: 0
 * after a stop, 2 for bad arguments, 1 when it could not start.
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    const options = parseServeArgs(argv);
    if (options.help) {
      io.out(serveHelp);
      return 0;
    }
    // Listening before anything is printed: a signal right after the URL line must stop cleanly, not kill.
    const stopped = stopSignal();
    const root = packageRoot();
    const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
    // Loaded only to start: --help and a bad argument answer at once.
    const { createService } = await import('../service/create-service.js');
    const service = await createService({ mode: 'browser', workspace: options.workspace, roots: options.roots, version });
    const server = await startServer({ service, host: options.host, port: options.port, staticDir: path.join(root, 'dist', 'renderer'), log: (line) => io.err.write(`${line}\n`) }).catch(async (err: unknown) => {
      await service.close();
      throw err;
    });
    if (!isLoopbackHost(options.host)) {
      const where = hostPort(options.host, server.port);
      io.err.write(`warning: listening on ${where}: anyone who can reach ${where} and has the token can use this app, read the files under its roots and run jobs. Prefer the default 127.0.0.1 and an SSH tunnel.\n`);
    }
    io.out(`Saliency Studio is running at ${server.url}\nPress Ctrl-C to stop.\n`);
    if (options.open) openBrowser(server.url, (line) => io.err.write(`${line}\n`));
    await stopped;
    await server.close();
    await service.close();
    return 0;
  } catch (err) {
    return reportStartError(err, io);
  }
}

/** Resolves at the first SIGINT or SIGTERM; a second one while stopping ends the process at once. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
}

/** One line for what kept the server from starting: a bad argument (2), a taken port or unusable workspace (1). */
function reportStartError(err: unknown, io: CliIO): number {
  if (err instanceof InputError) {
    io.err.write(`error: ${err.message}\n`);
    return err.name === 'UsageError' ? 2 : 1;
  }
  if (isSystemError(err) && (err.syscall === 'listen' || err.syscall === 'getaddrinfo') && LISTEN_ERRORS[err.code ?? '']) {
    io.err.write(`error: cannot listen (${err.code}): ${LISTEN_ERRORS[err.code!]}\n`);
    return 1;
  }
  // The workspace folder could not be made or read.
  if (isSystemError(err)) {
    io.err.write(`error: ${err.message}${err.path ? '; choose another --workspace or check that folder' : ''}\n`);
    return 1;
  }
  throw err;
}

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'the port is taken by another program; choose another with --port N, or --port 0 for any free one',
  EACCES: 'this user may not use that port (ports below 1024 need privileges); choose one above 1024',
  EADDRNOTAVAIL: 'that --host is not an address of this machine',
  ENOTFOUND: 'that --host name does not resolve',
};
