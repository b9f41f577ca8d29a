import cliProgress from 'cli-progress';

/** Reports progress of one long operation; `done` ends it. */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

/**
 * A bar on a terminal; plain lines otherwise (logs, CI: at most one per 10 % of the work).
 * Both go to stderr so stdout stays clean for `--json` and piping.
 */
export function createProgress(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? terminalBar(title, stream) : plainLines(title, stream);
}

function terminalBar(title: string, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    { stream, format: `${title} [{bar}] {percentage}% | {value}/{total} {label} | ETA {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) bar.start(total, done, { label });
      else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
      started = true;
    },
    done: () => started && bar.stop(),
  };
}

function plainLines(title: string, stream: NodeJS.WriteStream): Progress {
  let lastDecile = -1;
  return {
    update(done, total, label = '') {
      const decile = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${title}: ${done}/${total} (${Math.round((100 * done) / Math.max(total, 1))}%)${label ? ` ${label}` : ''}\n`);
    },
    done() {},
  };
}

/**
 * Bars driven by an operation's progress events (src/app/context.ts): a new bar each time the
 * phase or item changes, titled by `title` (null: that phase draws no bar); `done` ends the last.
 */
export function phaseBars(
  title: (event: { phase: string; item?: string }) => string | null,
  stream: NodeJS.WriteStream = process.stderr,
): { onProgress(event: { phase: string; item?: string; done: number; total: number }): void; done(): void } {
  let key: string | null = null;
  let bar: Progress | null = null;
  return {
    onProgress(event) {
      const next = `${event.phase}\u0000${event.item ?? ''}`;
      if (next !== key) {
        bar?.done();
        key = next;
        const label = title(event);
        bar = label === null ? null : createProgress(label, stream);
      }
      bar?.update(event.done, event.total);
    },
    done() {
      bar?.done();
      bar = null;
      key = null;
    },
  };
}
