import { describe, expect, it } from 'vitest';
import { ignoredOptions, parseSaliencyArgs } from '../../src/cli/commands/saliency-options.js';

const warnings = (...argv: string[]) => {
  const args = parseSaliencyArgs(['--run', 'r', ...argv]);
  return args.help ? [] : args.warnings;
};

describe('saliency options of another method', () => {
  it('warn, one line each, naming who uses them', () => {
    expect(warnings('--steps', '5', '--rule', 'riemann_left', '--noise-samples', '3', '--sigma', '0.3', '--baseline', 'mean', '--seed', '2', '--tsr-alpha', '0.4', '--tsr-fast')).toEqual([
      '--steps is only used by --method ig; ignored',
      '--rule is only used by --method ig; ignored',
      '--noise-samples is only used by --method smoothgrad; ignored',
      '--sigma is only used by --method smoothgrad; ignored',
      '--baseline is only used by --method ig, occlusion-time or occlusion-feature; ignored',
      '--seed is only used by --method smoothgrad, a --baseline random, --masked-accuracy or --randomisation; ignored',
      '--tsr-alpha is only used by --tsr; ignored',
      '--tsr-fast is only used by --tsr; ignored',
    ]);
  });

  it('are quiet when the method reads them', () => {
    expect(warnings('--method', 'ig', '--steps', '5', '--rule', 'riemann_left', '--baseline', 'random', '--seed', '2')).toEqual([]);
    expect(warnings('--method', 'smoothgrad', '--noise-samples', '3', '--sigma', '0.3', '--seed', '2')).toEqual([]);
    expect(warnings('--method', 'occlusion-feature', '--baseline', 'zeros', '--tsr', '--tsr-alpha', '0.4', '--tsr-fast')).toEqual([]);
  });

  it('a seed without a random baseline is unused by IG and occlusion', () => {
    expect(warnings('--method', 'ig', '--seed', '2')).toEqual(['--seed is only used by --method smoothgrad, a --baseline random, --masked-accuracy or --randomisation; ignored']);
    expect(ignoredOptions({ seed: '2', baseline: 'random' }, 'grad', false)).toEqual([
      '--baseline is only used by --method ig, occlusion-time or occlusion-feature; ignored',
      '--seed is only used by --method smoothgrad, a --baseline random, --masked-accuracy or --randomisation; ignored',
    ]);
  });

  it('TSR options without --tsr do not turn TSR on', () => {
    const args = parseSaliencyArgs(['--run', 'r', '--tsr-alpha', '0.4', '--tsr-fast']);
    expect(args.help ? null : [args.request.options.tsr, args.out]).toEqual([false, 'r/saliency/grad']);
  });
});

describe('--masked-accuracy', () => {
  const fractions = (value: string) => {
    const args = parseSaliencyArgs(['--run', 'r', '--masked-accuracy', value]);
    return args.help ? null : args.request.maskedAccuracy;
  };

  it('is off unless given', () => {
    const args = parseSaliencyArgs(['--run', 'r']);
    expect(args.help ? null : 'maskedAccuracy' in args.request).toBe(false);
  });

  it('reads percentages as fractions, sorted, duplicates dropped', () => {
    expect(fractions('10,20,30')).toEqual([0.1, 0.2, 0.3]);
    expect(fractions(' 50 , 2.5,50')).toEqual([0.025, 0.5]);
    expect(fractions('99.9')).toEqual([0.999]);
  });

  it('refuses values outside (0, 100) and malformed lists, naming the value', () => {
    for (const bad of ['0', '100', '10,100', '-5', 'ten', '10,,20', '', '1e400']) {
      expect(() => fractions(bad), bad).toThrow(/--masked-accuracy/);
    }
    expect(() => fractions('10,150')).toThrow(/"150".*a number > 0 and < 100/);
  });

  it('makes --seed used', () => {
    expect(warnings('--seed', '3', '--masked-accuracy', '10')).toEqual([]);
  });
});
