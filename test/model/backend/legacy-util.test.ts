import { describe, expect, it } from 'vitest';
import { restoreLegacyUtil } from '../../../src/model/backend/legacy-util.js';

describe('the util.is* functions Node 23 removed (tfjs-node 4.22 calls them)', () => {
  it('are put back, with their legacy meaning, only where missing', () => {
    const own = () => true;
    const target: Record<string, unknown> = { isString: own };
    const added = restoreLegacyUtil(target);
    expect(added).toContain('isNullOrUndefined');
    expect(added).not.toContain('isString');
    expect(target.isString).toBe(own);
    const isNullOrUndefined = target.isNullOrUndefined as (v: unknown) => boolean;
    expect([null, undefined, 0, '', false, NaN].map(isNullOrUndefined)).toEqual([true, true, false, false, false, false]);
    const isPrimitive = target.isPrimitive as (v: unknown) => boolean;
    expect([null, 1, 'a', Symbol('s'), {}, () => 1, []].map(isPrimitive)).toEqual([true, true, true, true, false, false, false]);
    const isObject = target.isObject as (v: unknown) => boolean;
    expect([null, {}, [], () => 1].map(isObject)).toEqual([false, true, true, false]);
  });

});
