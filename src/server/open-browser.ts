import { spawn } from 'node:child_process';

/**
 * The command that opens `url` in the system browser, or null where there is no screen to
 * open it on (Linux without DISPLAY or WAYLAND_DISPLAY: a server or an SSH session).
 */
export function browserCommand(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } | null {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` reads a first quoted argument as the window title; the URL has no spaces or `&`.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { command: 'xdg-open', args: [url] };
  return null;
}

/** Opens the system browser at `url` when there is one; says so in one line when it could not. The URL is printed either way. */
export function openBrowser(url: string, warn: (line: string) => void): void {
  const opener = browserCommand(url);
  if (!opener) return;
  const child = spawn(opener.command, opener.args, { detached: true, stdio: 'ignore', windowsHide: true, windowsVerbatimArguments: process.platform === 'win32' });
  child.on('error', (err) => warn(`Could not open a browser (${opener.command}: ${err.message}); open the address above yourself.`));
  child.unref();
}
