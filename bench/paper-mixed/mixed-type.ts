import { StudyError } from '../../src/errors.js';
import type { SynthInfo } from '../../src/synth/index.js';

/**
 * The boxes of the official createMixedSimulationData.py (first commit 9d82d9f, getBoxType,
 * lines 10–93) for Type 1…7, as [startTS, endTS, startFeatures, endFeatures]: UpperLeft,
 * UpperRight, UpperMiddle, BottomLeft, BottomRight, BottomMiddle, MiddleBox.
 */
export const OFFICIAL_MIXED_BOXES: readonly (readonly [number, number, number, number])[] = [
  [5, 65, 5, 65], [5, 65, 35, 95], [5, 65, 20, 80],
  [35, 95, 5, 65], [35, 95, 35, 95], [35, 95, 20, 80],
  [20, 80, 20, 80],
];

/**
 * Each sample's official `Type` (1…7), the third column of the official Mixed label file, which
 * the official trainer reads as the sequence length. Our synth data stores the box set per sample
 * (info.sampleBoxSet), not the Type, so the Type is recovered by matching the set's one box to the
 * official table: order-independent, and a synth definition that drifts from it is refused.
 */
export function mixedTypes(info: SynthInfo): Int32Array {
  const typeOfSet = info.boxSets.map((set, k) => {
    const [box] = set;
    const type = set.length === 1 ? OFFICIAL_MIXED_BOXES.findIndex(([t0, t1, f0, f1]) => box.t[0] === t0 && box.t[1] === t1 && box.f[0] === f0 && box.f[1] === f1) + 1 : 0;
    if (type === 0) {
      throw new StudyError('MIXED_BOX_SET', 'synth.json', `boxSets[${k}]`, JSON.stringify(set), 'one box of the official Mixed table (createMixedSimulationData.py getBoxType 1…7)');
    }
    return type;
  });
  return Int32Array.from(info.sampleBoxSet, (set) => typeOfSet[set]);
}
