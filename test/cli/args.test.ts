import { describe, expect, it } from 'vitest';
import { intOption, numberOption, parseCommand } from '../../src/cli/args.js';
import { UsageError } from '../../src/errors.js';

const OPTIONS = { sigma: { type: 'string' }, out: { type: 'string' }, tsr: { type: 'boolean' } } as const;
const parse = (argv: string[]) => parseCommand('cmd', argv, OPTIONS);
const error = (run: () => unknown): UsageError => {
  try {
    run();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('no error');
};

describe('parseCommand', () => {
  it('takes --opt=value for every option that has a value, negative numbers and dashes included', () => {
    expect(parse(['--sigma=-1', '--out=-dir', '--tsr']).values).toEqual({ sigma: '-1', out: '-dir', tsr: true });
    expect(parse(['--sigma', '0.5', 'x']).values.sigma).toBe('0.5');
  });

  it('a value starting with "-" after a space says to join it with "="', () => {
    const e = error(() => parse(['--out', 'o', '--sigma', '-1']));
    expect(e.message).toBe('cmd: --sigma = "-1"; expected a value; one starting with "-" must be joined with "=": write --sigma=-1');
    expect(error(() => parse(['--out', '-x'])).message).toMatch(/write --out=-x$/);
  });

  it('an option followed by another option is missing its value, not given a dashed one', () => {
    expect(error(() => parse(['--sigma', '--tsr'])).message).toMatch(/arguments = "--sigma --tsr"; expected valid options \(Option '--sigma' argument is ambiguous\.\)/);
    expect(error(() => parse(['--sigma'])).message).toMatch(/argument missing/);
  });

  it('an unknown option is reported as such even when a dashed value follows', () => {
    expect(error(() => parse(['--sigm', '1', '--sigma', '-1'])).message).toMatch(/Unknown option '--sigm'/);
  });
});

describe('number options', () => {
  it('reads decimal integers within [min, max] and names the range otherwise', () => {
    expect(intOption('cmd', 'steps', '1e3', 50, 1, 1000)).toBe(1000);
    expect(error(() => intOption('cmd', 'steps', '1e9', 50, 1, 1000)).message).toBe('cmd: --steps = "1e9"; expected an integer ≥ 1 and ≤ 1000');
    expect(error(() => intOption('cmd', 'steps', '0', 50)).message).toBe('cmd: --steps = "0"; expected an integer ≥ 1');
  });

  it('refuses what Number would silently read: empty, hexadecimal, beyond exact integers', () => {
    for (const value of ['', ' ', '0x10', '1e400', '9007199254740993', '1_000']) {
      expect(() => intOption('cmd', 'seed', value, 0, 0)).toThrow(/--seed = .*; expected an integer ≥ 0$/);
    }
    expect(() => numberOption('cmd', 'sigma', '', 0.15)).toThrow(/--sigma = ""; expected a number$/);
  });

  it('checks number ranges, exclusive and inclusive', () => {
    const sigma = (v: string) => numberOption('cmd', 'sigma', v, 0.15, { above: 0, max: 1 });
    expect(sigma('1')).toBe(1);
    expect(sigma('.25')).toBe(0.25);
    for (const v of ['-1', '0', '1.01', 'NaN', 'Infinity']) expect(() => sigma(v)).toThrow(`cmd: --sigma = "${v}"; expected a number > 0 and ≤ 1`);
    expect(() => numberOption('cmd', 'alpha', '1', 0.5, { above: 0, below: 1 })).toThrow('expected a number > 0 and < 1');
    expect(numberOption('cmd', 'shift', '-2.5', 0)).toBe(-2.5);
  });
});
