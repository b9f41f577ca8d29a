import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments, turning parseArgs' exceptions into one-line usage errors. A
 * value that starts with `-` (`--sigma -1`) reads as an option to parseArgs; the error then
 * says to join it with `=`, which works for every option that takes a value.
 */
export function parseCommand<O extends Options>(command: string, argv: string[], options: O) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (err) {
    const dashed = (err as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? dashedValue(argv, all) : null;
    if (dashed) {
      throw new UsageError('CLI_ARGS', command, `--${dashed.name}`, dashed.value, `a value; one starting with "-" must be joined with "=": write --${dashed.name}=${dashed.value}`);
    }
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UsageError('CLI_ARGS', command, 'arguments', argv.join(' '), `valid options (${msg}); see \`saliency-studio ${command} --help\``);
  }
}

/** The first `--name value` whose value starts with `-` and is not itself an option (parseArgs refuses those as ambiguous). */
function dashedValue(argv: string[], options: Options): { name: string; value: string } | null {
  const known = (token: string) => token === '-h' || (token.startsWith('--') && token.slice(2).split('=')[0] in options);
  for (let i = 0; i < argv.length - 1 && argv[i] !== '--'; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const next = argv[i + 1];
    if (options[name]?.type === 'string' && next.length > 1 && next.startsWith('-') && !known(next)) return { name, value: next };
  }
  return null;
}

/** Decimal notation only: `Number` would also read '' and '  ' as 0 and '0x10' as 16. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * An integer option in [min, max], with an error naming the option and value. The default
 * max is the largest integer a double holds exactly; give each option its own sane one.
 */
export function intOption(command: string, name: string, value: string | undefined, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = DECIMAL.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError('CLI_ARGS', command, `--${name}`, value, `an integer ≥ ${min}${max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${max}` : ''}`);
  }
  return n;
}

/** Bounds of a number option; `above` and `below` are exclusive. */
export interface NumberRange {
  min?: number;
  above?: number;
  max?: number;
  below?: number;
}

/** A finite number option within `range`, with an error naming the option, the value and the range. */
export function numberOption(command: string, name: string, value: string | undefined, fallback: number, range: NumberRange = {}): number {
  if (value === undefined) return fallback;
  const n = DECIMAL.test(value.trim()) ? Number(value) : NaN;
  const { min = -Infinity, above = -Infinity, max = Infinity, below = Infinity } = range;
  if (!Number.isFinite(n) || n < min || n <= above || n > max || n >= below) {
    throw new UsageError('CLI_ARGS', command, `--${name}`, value, describeRange(range));
  }
  return n;
}

function describeRange({ min, above, max, below }: NumberRange): string {
  const parts = [min !== undefined ? `≥ ${min}` : above !== undefined ? `> ${above}` : '', max !== undefined ? `≤ ${max}` : below !== undefined ? `< ${below}` : ''];
  const bounds = parts.filter(Boolean).join(' and ');
  return bounds ? `a number ${bounds}` : 'a number';
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(command: string, name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError('CLI_ARGS', command, `--${name}`, value, `one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** Exactly one positional argument, named for the error message. */
export function onePositional(command: string, positionals: string[], name: string): string {
  if (positionals.length !== 1) {
    throw new UsageError('CLI_ARGS', command, name, positionals.length === 0 ? 'missing' : positionals, `exactly one ${name}`);
  }
  return positionals[0];
}

/** A required string option. */
export function requiredOption(command: string, name: string, value: string | undefined): string {
  if (!value) throw new UsageError('CLI_ARGS', command, `--${name}`, 'missing', 'a value (required)');
  return value;
}
