import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export interface ServeOptions {
  port: number;
  host: string;
  workspace: string;
  roots: string[];
  open: boolean;
  help: boolean;
}

export const serveHelp = `Usage: npm run serve -- [options]

Starts Saliency Studio in browser mode: the app at a local address, behind a session token
that is in the address it prints (open that address; it then lives in a cookie).

Options:
  --port N         the port (default: env SALIENCY_STUDIO_PORT, else 0 = any free port)
  --host H         where to listen (default 127.0.0.1: this machine only). Any other host
                   lets whoever reaches it and has the token use the app; over a network,
                   prefer an SSH tunnel: ssh -L 8080:127.0.0.1:8080 workstation, then
                   npm run serve -- --port 8080 there and open the printed address here
  --workspace DIR  the workspace (default: env SALIENCY_STUDIO_WORKSPACE, else ~/SaliencyStudio)
  --root DIR       a folder the folder browser may show (repeatable; default: your home
                   folder and the current folder; the workspace always is one)
  --open           open the system browser at the address
  --help           this text
`;

const COMMAND = 'serve';

/** Reads the server's arguments, with the environment's defaults; a bad one is a UsageError naming it. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServeOptions {
  const { values, positionals } = readArgs(argv);
  if (positionals.length > 0) throw new UsageError('CLI_ARGS', COMMAND, 'arguments', positionals.join(' '), 'options only (see --help)');
  const port = values.port !== undefined ? portValue('--port', values.port) : env.SALIENCY_STUDIO_PORT ? portValue('SALIENCY_STUDIO_PORT', env.SALIENCY_STUDIO_PORT) : 0;
  const host = hostValue(values.host ?? '127.0.0.1');
  const workspace = path.resolve(cwd, values.workspace ?? (env.SALIENCY_STUDIO_WORKSPACE || path.join(homedir(), 'SaliencyStudio')));
  const roots = values.root?.length ? values.root.map((r) => existingFolder(path.resolve(cwd, r))) : [homedir(), cwd];
  return { port, host, workspace, roots: [...new Set(roots)], open: values.open ?? false, help: values.help ?? false };
}

function readArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        workspace: { type: 'string' },
        root: { type: 'string', multiple: true },
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UsageError('CLI_ARGS', COMMAND, 'arguments', argv.join(' '), `valid options (${message}); see --help`);
  }
}

function portValue(name: string, value: string): number {
  const n = /^\d{1,5}$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError('CLI_ARGS', COMMAND, name, value, 'an integer from 0 to 65535 (0: any free port)');
  return n;
}

/** A host name or an IPv4/IPv6 address, without scheme, port or path. */
function hostValue(value: string): string {
  const host = value.replace(/^\[(.*)\]$/, '$1');
  if (!/^([A-Za-z0-9.-]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/.test(host)) {
    throw new UsageError('CLI_ARGS', COMMAND, '--host', value, 'a host name or IP address (no scheme, port or path), e.g. 127.0.0.1');
  }
  return host;
}

function existingFolder(dir: string): string {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new UsageError('CLI_ARGS', COMMAND, '--root', dir, 'an existing folder');
  return dir;
}
