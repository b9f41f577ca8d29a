import { cAbs, cAdd, cConj, cDiv, cMul, complex, cProd, cScale, cSqrt, cSub, type Complex } from './complex.js';

/** One second-order section: [b0, b1, b2, a0, a1, a2] with a0 = 1. */
export type Section = Float64Array;

export type ButterType = 'low' | 'high' | 'band';

interface Zpk {
  zeros: Complex[];
  poles: Complex[];
  gain: number;
}

/**
 * Digital Butterworth filter as second-order sections, designed the way scipy's
 * `butter(order, cutoff, btype, output="sos", fs)` does (analog prototype, prewarped cut-offs,
 * low/high/band-pass transform, bilinear transform, nearest pole–zero pairing), so that
 * nilearn's filter can be reproduced. `cutoff` is in Hz: one value, or [low, high] for 'band'.
 */
export function butterSos(order: number, cutoff: number | [number, number], btype: ButterType, fs: number): Section[] {
  const prototype = analogPrototype(order);
  const warp = (f: number) => 4 * Math.tan((Math.PI * ((2 * f) / fs)) / 2);
  let analog: Zpk;
  if (btype === 'band') {
    const [lo, hi] = cutoff as [number, number];
    const w1 = warp(lo);
    const w2 = warp(hi);
    analog = lowToBand(prototype, Math.sqrt(w1 * w2), w2 - w1);
  } else {
    const wo = warp(cutoff as number);
    analog = btype === 'low' ? lowToLow(prototype, wo) : lowToHigh(prototype, wo);
  }
  return zpkToSos(bilinear(analog));
}

/** Poles of the order-N analog Butterworth low-pass with cut-off 1 rad/s (no zeros, gain 1). */
function analogPrototype(order: number): Zpk {
  const poles: Complex[] = [];
  for (let m = -order + 1; m < order; m += 2) {
    const angle = (Math.PI * m) / (2 * order);
    poles.push(complex(-Math.cos(angle), -Math.sin(angle)));
  }
  return { zeros: [], poles, gain: 1 };
}

function lowToLow({ zeros, poles, gain }: Zpk, wo: number): Zpk {
  const degree = poles.length - zeros.length;
  return { zeros: zeros.map((z) => cScale(z, wo)), poles: poles.map((p) => cScale(p, wo)), gain: gain * wo ** degree };
}

function lowToHigh({ zeros, poles, gain }: Zpk, wo: number): Zpk {
  const degree = poles.length - zeros.length;
  const w = complex(wo);
  const ratio = cDiv(cProd(zeros.map((z) => cScale(z, -1))), cProd(poles.map((p) => cScale(p, -1))));
  return {
    zeros: [...zeros.map((z) => cDiv(w, z)), ...Array.from({ length: degree }, () => complex(0))],
    poles: poles.map((p) => cDiv(w, p)),
    gain: gain * ratio.re,
  };
}

function lowToBand({ zeros, poles, gain }: Zpk, wo: number, bw: number): Zpk {
  const degree = poles.length - zeros.length;
  const split = (roots: Complex[]): Complex[] => {
    const scaled = roots.map((r) => cScale(r, bw / 2));
    const offsets = scaled.map((r) => cSqrt(cSub(cMul(r, r), complex(wo * wo))));
    return [...scaled.map((r, i) => cAdd(r, offsets[i])), ...scaled.map((r, i) => cSub(r, offsets[i]))];
  };
  return {
    zeros: [...split(zeros), ...Array.from({ length: degree }, () => complex(0))],
    poles: split(poles),
    gain: gain * bw ** degree,
  };
}

/** Bilinear transform with scipy's normalised sampling rate fs = 2 (so 2·fs = 4). */
function bilinear({ zeros, poles, gain }: Zpk): Zpk {
  const four = complex(4);
  const map = (r: Complex) => cDiv(cAdd(four, r), cSub(four, r));
  const degree = poles.length - zeros.length;
  const ratio = cDiv(cProd(zeros.map((z) => cSub(four, z))), cProd(poles.map((p) => cSub(four, p))));
  return {
    zeros: [...zeros.map(map), ...Array.from({ length: degree }, () => complex(-1))],
    poles: poles.map(map),
    gain: gain * ratio.re,
  };
}

const TOL = 100 * Number.EPSILON;
const isReal = (z: Complex) => z.im === 0;

/**
 * One member of each conjugate pair (positive imaginary part), sorted by real part, then the
 * real roots, as scipy's `_cplxreal` orders them.
 */
function conjugatesThenReals(roots: Complex[]): Complex[] {
  const sorted = [...roots].sort((a, b) => a.re - b.re || Math.abs(a.im) - Math.abs(b.im));
  const real = sorted.filter((z) => Math.abs(z.im) <= TOL * cAbs(z)).map((z) => complex(z.re));
  const upper = sorted.filter((z) => !(Math.abs(z.im) <= TOL * cAbs(z)) && z.im > 0);
  return [...upper, ...real];
}

/** Index of the root nearest `to`, among all, only real or only complex ones. */
function nearestIndex(roots: Complex[], to: Complex, which: 'any' | 'real' | 'complex'): number {
  const order = roots.map((_, i) => i).sort((i, j) => cAbs(cSub(roots[i], to)) - cAbs(cSub(roots[j], to)));
  if (which === 'any') return order[0];
  const found = order.find((i) => isReal(roots[i]) === (which === 'real'));
  if (found === undefined) throw new Error(`zpkToSos: no ${which} root left to pair`);
  return found;
}

/** Index of the root closest to the unit circle (the least stable one, placed last). */
function worstIndex(roots: Complex[], among?: number[]): number {
  const candidates = among ?? roots.map((_, i) => i);
  let best = candidates[0];
  for (const i of candidates) if (Math.abs(1 - cAbs(roots[i])) < Math.abs(1 - cAbs(roots[best]))) best = i;
  return best;
}

/** Real polynomial coefficients (highest power first) of the given roots, conjugates expanded. */
function section(zeros: Complex[], poles: Complex[]): Section {
  const sos = new Float64Array(6);
  const b = realPoly(zeros);
  const a = realPoly(poles);
  sos.set(b, 3 - b.length);
  sos.set(a, 6 - a.length);
  return sos;
}

function realPoly(roots: Complex[]): number[] {
  let coeffs: Complex[] = [complex(1)];
  for (const r of roots) {
    const next = [...coeffs, complex(0)];
    for (let i = 1; i < next.length; i++) next[i] = cSub(next[i], cMul(r, coeffs[i - 1]));
    coeffs = next;
  }
  return coeffs.map((c) => c.re);
}

/**
 * Groups poles and zeros into second-order sections with scipy's default digital pairing
 * ("nearest"): the pole closest to the unit circle goes last, each pole pair takes the
 * nearest zeros, and the overall gain sits in the first section.
 */
function zpkToSos({ zeros, poles, gain }: Zpk): Section[] {
  if (zeros.length === 0 && poles.length === 0) return [Float64Array.from([gain, 0, 0, 1, 0, 0])];
  let p = [...poles, ...Array.from({ length: Math.max(zeros.length - poles.length, 0) }, () => complex(0))];
  let z = [...zeros, ...Array.from({ length: Math.max(poles.length - zeros.length, 0) }, () => complex(0))];
  const nSections = Math.floor((Math.max(p.length, z.length) + 1) / 2);
  if (p.length % 2 === 1) {
    p.push(complex(0));
    z.push(complex(0));
  }
  p = conjugatesThenReals(p);
  z = conjugatesThenReals(z);
  const take = (roots: Complex[], i: number) => roots.splice(i, 1)[0];
  const sos: Section[] = new Array(nSections);
  for (let si = nSections - 1; si >= 0; si--) {
    const p1 = take(p, worstIndex(p));
    const realLeft = p.filter(isReal).length;
    if (isReal(p1) && realLeft === 0) {
      const z1 = take(z, nearestIndex(z, p1, 'real'));
      sos[si] = section([z1, complex(0)], [p1, complex(0)]);
    } else if (p.length + 1 === z.length && !isReal(p1) && realLeft === 1 && z.filter(isReal).length === 1) {
      const z1 = take(z, nearestIndex(z, p1, 'complex'));
      sos[si] = section([z1, cConj(z1)], [p1, cConj(p1)]);
    } else {
      let p2: Complex;
      if (isReal(p1)) {
        const reals = p.map((_, i) => i).filter((i) => isReal(p[i]));
        p2 = take(p, worstIndex(p, reals));
      } else {
        p2 = cConj(p1);
      }
      if (z.length === 0) {
        sos[si] = section([], [p1, p2]);
        continue;
      }
      const z1 = take(z, nearestIndex(z, p1, 'any'));
      if (!isReal(z1)) sos[si] = section([z1, cConj(z1)], [p1, p2]);
      else if (z.length > 0) sos[si] = section([z1, take(z, nearestIndex(z, p1, 'real'))], [p1, p2]);
      else sos[si] = section([z1], [p1, p2]);
    }
  }
  for (let i = 0; i < 3; i++) sos[0][i] *= gain;
  return sos;
}
