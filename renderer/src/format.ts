/** Small wordings shared by the screens, so every number reads the same everywhere. */

/** `1 run`, `3 runs`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A duration for people: `0.8 s`, `45 s`, `3 min 20 s`, `1 h 05 min`. */
export function formatDuration(seconds: number): string {
  // A short run's wall time or a last ETA would read "0 s": keep a decimal below 10 s.
  if (seconds < 9.95) return `${Math.max(0, seconds).toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A number without float noise: `2`, `2.5`, `0.001`. */
export function formatNumber(value: number, digits = 4): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(digits)));
}

/** A value found in bad input, as an error shows it: strings quoted, containers summarised. */
export function formatFound(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length <= 6 ? `[${value.map(formatFound).join(', ')}]` : `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** The last part of a path (either separator), for tables; the full path goes in a title. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? path;
}

/** `path` shown relative to `base` when inside it (a study's files under its folder). */
export function relativeTo(base: string | undefined, path: string): string {
  if (!base) return path;
  const root = base.replace(/[\\/]+$/, '');
  if (path === root) return baseName(path);
  return path.startsWith(`${root}/`) || path.startsWith(`${root}\\`) ? path.slice(root.length + 1) : path;
}
