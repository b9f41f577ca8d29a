import { describe, expect, it } from 'vitest';
import { EXPLAIN_DEFAULTS } from '../../src/app/explain.js';
import { parseSaliencyArgs } from '../../src/cli/commands/saliency-options.js';
import { CONTRACTS } from '../../src/jobs/operations/contracts.js';

const request = (extra: Record<string, unknown>) => ({
  request: { runDir: '/runs/a', method: 'grad', samples: 'test', target: 'true', options: {}, ...extra },
  batchSize: 8, backend: 'cpu', out: '/runs/a/saliency/grad',
});

describe('randomisation option', () => {
  it('is off in EXPLAIN_DEFAULTS and absent from the request unless --randomisation names a mode', () => {
    expect(EXPLAIN_DEFAULTS.randomisation).toBe('off');
    const parse = (argv: string[]) => {
      const args = parseSaliencyArgs(['--run', '/runs/a', ...argv]);
      if (args.help) throw new Error('help');
      return args;
    };
    expect(parse([]).request.randomisation).toBeUndefined();
    expect(parse(['--randomisation', 'off']).request.randomisation).toBeUndefined();
    expect(parse(['--randomisation', 'cascading']).request.randomisation).toBe('cascading');
    expect(parse(['--randomisation', 'independent']).request.randomisation).toBe('independent');
    expect(() => parse(['--randomisation', 'sideways'])).toThrow(/--randomisation.*one of cascading, independent, off/);
  });

  it('counts as a user of --seed, so --seed with it draws no warning', () => {
    const args = parseSaliencyArgs(['--run', '/runs/a', '--seed', '3', '--randomisation', 'cascading']);
    expect(args.help === false && args.warnings).toEqual([]);
    const without = parseSaliencyArgs(['--run', '/runs/a', '--seed', '3']);
    expect(without.help === false && without.warnings.join()).toMatch(/--seed is only used by/);
  });

  it("is accepted by the worker's explain schema as a mode, and nothing else", () => {
    expect(CONTRACTS.explain.args.safeParse(request({ randomisation: 'cascading' })).success).toBe(true);
    expect(CONTRACTS.explain.args.safeParse(request({})).success).toBe(true);
    expect(CONTRACTS.explain.args.safeParse(request({ randomisation: 'off' })).success).toBe(false);
  });
});
