/**
 * A value as an error message shows it (InputError quotes strings itself): numbers, booleans
 * and null as they are, strings cut short, containers described, never the whole payload.
 */
export function describe(value: unknown): unknown {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return value === undefined ? '(missing)' : value;
}
