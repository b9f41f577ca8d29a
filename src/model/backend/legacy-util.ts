import util from 'node:util';

/*
 * @tensorflow/tfjs-node(-gpu) 4.22 calls util.isNullOrUndefined and its siblings, which Node 23
 * removed (tensorflow/tfjs #8425, fixed upstream, unreleased); Electron 41 runs Node 24, so the
 * package would load and then throw "util.isNullOrUndefined is not a function" mid-training.
 * Each missing one gets back its exact legacy definition before the package loads.
 */
const LEGACY: Record<string, (v: unknown) => boolean> = {
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isBuffer: (v) => Buffer.isBuffer(v),
  isDate: (v) => v instanceof Date,
  isError: (v) => v instanceof Error,
  isFunction: (v) => typeof v === 'function',
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v === null || v === undefined,
  isNumber: (v) => typeof v === 'number',
  isObject: (v) => v !== null && typeof v === 'object',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  isRegExp: (v) => v instanceof RegExp,
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
};

/** Puts back the util.is* functions this Node lacks (none before Node 23); returns their names. */
export function restoreLegacyUtil(target: Record<string, unknown> = util as unknown as Record<string, unknown>): string[] {
  const added = Object.keys(LEGACY).filter((name) => typeof target[name] !== 'function');
  for (const name of added) target[name] = LEGACY[name];
  return added;
}
