import { describe, expect, it } from 'vitest';
import { bytesSeed, namedSeed, subSeed } from '../../src/util/seeds.js';

/*
 * Values computed by the three hashes as they were before they moved here (model/init.ts
 * streamSeed, jobs/seeds.ts subSeed, demo/generate.ts mixSeed). Stored weights, training
 * shuffles, saliency draws and the demo study depend on them, so they must never change.
 */
const SEEDS = [0, 1, 42, 2024, 0xdeadbeef, 2 ** 32 - 1];

describe('seed hashes', () => {
  it('namedSeed (weight init, dropout) gives the old streamSeed values', () => {
    const names = ['lstm/kernel', 'dropout/0', 'attention/W1', ''];
    expect([...SEEDS, 2 ** 40 + 7].flatMap((s) => names.map((n) => namedSeed(s, n)))).toEqual([
      1103638321, 2905690407, 145293626, 2166136261, 3641519778, 4100071972, 1676155867, 522970228,
      2507522731, 2195107405, 2786876552, 1946512079, 2139020169, 2247202607, 4010122450, 1736868525,
      2808055448, 3318446078, 3310308085, 497313786, 2048313128, 4227616078, 1676791397, 3771997066,
      2427906720, 1777271606, 778999645, 3533229586,
    ]);
  });

  it('subSeed (training and saliency streams) gives the old values', () => {
    expect([...SEEDS, 2 ** 40 + 7].flatMap((s) => [subSeed(s), subSeed(s, 1), subSeed(s, 2, 0), subSeed(s, 2, 17), subSeed(s, 3, 5), subSeed(s, 1, 2, 3)])).toEqual([
      493009611, 2556643648, 4194324302, 3941424650, 1739502027, 148813066, 1059954845, 4289745439,
      1334639141, 2262402890, 2559814957, 1219509215, 2599351197, 3742787577, 2667979493, 396610253,
      837467586, 1913159577, 697804705, 608105095, 2418570191, 2766961417, 2227057081, 1972936056,
      404246799, 4037948751, 707627002, 4253355796, 1834583898, 279681235, 4288662295, 3624364771,
      3642186323, 645469166, 2539750808, 1849142685, 2541351548, 1496782418, 1639927798, 1425138576,
      2567557319, 3069164388,
    ]);
  });

  it('bytesSeed (the demo study) gives the old mixSeed values', () => {
    expect(SEEDS.flatMap((s) => [bytesSeed(s, 1, 0), bytesSeed(s, 1, 1), bytesSeed(s, 8, 3), bytesSeed(s)])).toEqual([
      2228945812, 3574022821, 494115534, 1268118805, 1813074341, 467997332, 3930040511, 4218009092,
      971336606, 2316413615, 3149337732, 1926778335, 1432652049, 87575040, 3549618219, 4177632240,
      3813773066, 863882779, 1696806896, 2424807371, 1465537968, 2810614977, 4025674986, 3809873841,
    ]);
  });
});
