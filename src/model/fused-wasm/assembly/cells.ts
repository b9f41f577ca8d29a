// The three cells' sweeps over whole sequences, as src/model/fused/{lstm,gru,rnn}.ts and
// sweep.ts define them (same gate order, saved values and conventions), in f32 with the
// recurrent products of products.ts. Rows are batch-major (row = b·time + t), so a run of
// whole sequences is one contiguous block of every array: threads each take one.
//
// forward(x, u, bias, h, s, scratch, batch, time, hidden):
//   x [rows, G·H] = inputs·kernel (no bias), u [H, G·H], bias [G·H]; writes h [rows, H] and
//   what backward needs, s [rows, S·H]. scratch: (G + 3)·H floats per sequence.
// backward(dy, uT, h, s, dx, dpre, dU, dbias, scratch, batch, time, hidden):
//   dy [rows, H] = dL/dh of every row; uT [G·H, H]; writes dx [rows, G·H] (the gradient of
//   x), dpre [rows, G·H] (of bias + h·U; the same buffer as dx for LSTM and RNN), and ADDS
//   Σ h_{t−1}ᵀ·dpre into dU [H, G·H] and Σ dpre into dbias [G·H].
import { sigmoid1, sigmoidv, tanh1, tanhv } from './math';
import { gemm, gemmTN } from './products';

@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

@inline function ld(p: usize, i: i32): f32 {
  return load<f32>(at(p, i));
}

@inline function st(p: usize, i: i32, v: f32): void {
  store<f32>(at(p, i), v);
}

@inline function ldv(p: usize, i: i32): v128 {
  return v128.load(at(p, i));
}

@inline function stv(p: usize, i: i32, v: v128): void {
  v128.store(at(p, i), v);
}

@inline function recurrentPartV(bias: usize, hu: usize, j: i32, first: bool): v128 {
  return first ? ldv(bias, j) : f32x4.add(ldv(bias, j), ldv(hu, j));
}

const ZERO = f32x4.splat(0);
const ONE = f32x4.splat(1);

/*
 * Hidden units go four at a time. The forward arithmetic of a unit only reads what no unit
 * of its row writes, so with H ≥ 4 the last block starts at H − 4 and may redo units, with the
 * same result; below 4 units a scalar loop runs. The backward pass updates carries in place,
 * so its units past the last multiple of four run a scalar copy of the same arithmetic.
 */
@inline function blockStarts(H: i32): i32 {
  return H < 4 ? 0 : (H + 3) >> 2;
}

@inline function blockAt(H: i32, n: i32): i32 {
  return min(n << 2, H - 4);
}

/** bias + h_{t−1}·U for gate value j: the product is absent (zero state) at t = 0. */
@inline function recurrentPart(bias: usize, hu: usize, j: i32, first: bool): f32 {
  return first ? ld(bias, j) : ld(bias, j) + ld(hu, j);
}

/** h_{t−1}·U for every sequence at step t, into hu [batch, G·H]. */
@inline function stepProduct(h: usize, u: usize, hu: usize, batch: i32, time: i32, hidden: i32, width: i32, t: i32): void {
  gemm(at(h, (t - 1) * hidden), time * hidden, u, hu, batch, hidden, width, false);
}

/** dL/dh_{t−1} = dpre_t·Uᵀ for every sequence, into dhNext [batch, H]. */
@inline function stepBackProduct(dpre: usize, uT: usize, dhNext: usize, batch: i32, time: i32, hidden: i32, width: i32, t: i32): void {
  gemm(at(dpre, t * width), time * width, uT, dhNext, batch, width, hidden, false);
}

/**
 * dU += Σ h_{t−1}ᵀ·dpre_t (t ≥ 1) and dbias += Σ dpre_t over every row. `sums` (width floats,
 * the sweep's scratch, free by now) holds one sequence's sum over its steps at a time, so each
 * float32 sum runs over at most `time` terms.
 */
function weightGradients(h: usize, dpre: usize, dU: usize, dbias: usize, sums: usize, batch: i32, time: i32, hidden: i32, width: i32): void {
  if (time > 1) {
    for (let b = 0; b < batch; b++) gemmTN(at(h, b * time * hidden), hidden, at(dpre, (b * time + 1) * width), width, dU, time - 1, hidden, width);
  }
  const whole = width & ~3;
  for (let b = 0; b < batch; b++) {
    memory.fill(sums, 0, <usize>width << 2);
    for (let t = 0; t < time; t++) {
      const row = at(dpre, (b * time + t) * width);
      let j = 0;
      for (; j < whole; j += 4) stv(sums, j, f32x4.add(ldv(sums, j), ldv(row, j)));
      for (; j < width; j++) st(sums, j, ld(sums, j) + ld(row, j));
    }
    for (let j = 0; j < width; j++) st(dbias, j, ld(dbias, j) + ld(sums, j));
  }
}

@inline function lstmUnits(xo: usize, so: usize, ho: usize, hb: usize, bias: usize, H: i32, S: i32, k: i32, first: bool): void {
  const i = sigmoidv(f32x4.add(ldv(xo, k), recurrentPartV(bias, hb, k, first)));
  const f = sigmoidv(f32x4.add(ldv(xo, H + k), recurrentPartV(bias, hb, H + k, first)));
  const g = tanhv(f32x4.add(ldv(xo, 2 * H + k), recurrentPartV(bias, hb, 2 * H + k, first)));
  const o = sigmoidv(f32x4.add(ldv(xo, 3 * H + k), recurrentPartV(bias, hb, 3 * H + k, first)));
  const cPrev = first ? ZERO : ldv(so, 4 * H + k - S);
  const c = f32x4.add(f32x4.mul(f, cPrev), f32x4.mul(i, g));
  const tc = tanhv(c);
  stv(so, k, i); stv(so, H + k, f); stv(so, 2 * H + k, g); stv(so, 3 * H + k, o);
  stv(so, 4 * H + k, c); stv(so, 5 * H + k, tc);
  stv(ho, k, f32x4.mul(o, tc));
}

@inline function lstmUnit(xo: usize, so: usize, ho: usize, hb: usize, bias: usize, H: i32, S: i32, k: i32, first: bool): void {
  const i = sigmoid1(ld(xo, k) + recurrentPart(bias, hb, k, first));
  const f = sigmoid1(ld(xo, H + k) + recurrentPart(bias, hb, H + k, first));
  const g = tanh1(ld(xo, 2 * H + k) + recurrentPart(bias, hb, 2 * H + k, first));
  const o = sigmoid1(ld(xo, 3 * H + k) + recurrentPart(bias, hb, 3 * H + k, first));
  const cPrev: f32 = first ? 0 : ld(so, 4 * H + k - S);
  const c = f * cPrev + i * g;
  const tc = tanh1(c);
  st(so, k, i); st(so, H + k, f); st(so, 2 * H + k, g); st(so, 3 * H + k, o);
  st(so, 4 * H + k, c); st(so, 5 * H + k, tc);
  st(ho, k, o * tc);
}

export function lstmForward(x: usize, u: usize, bias: usize, h: usize, s: usize, scratch: usize, batch: i32, time: i32, hidden: i32): void {
  const H = hidden, W = 4 * H, S = 6 * H;
  const hu = scratch;
  const blocks = blockStarts(H);
  for (let t = 0; t < time; t++) {
    const first = t === 0;
    if (!first) stepProduct(h, u, hu, batch, time, H, W, t);
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      const xo = at(x, r * W), so = at(s, r * S), ho = at(h, r * H), hb = at(hu, b * W);
      for (let n = 0; n < blocks; n++) lstmUnits(xo, so, ho, hb, bias, H, S, blockAt(H, n), first);
      if (blocks === 0) for (let k = 0; k < H; k++) lstmUnit(xo, so, ho, hb, bias, H, S, k, first);
    }
  }
}

export function lstmBackward(dy: usize, uT: usize, h: usize, s: usize, dx: usize, dpre: usize, dU: usize, dbias: usize, scratch: usize, batch: i32, time: i32, hidden: i32): void {
  const H = hidden, W = 4 * H, S = 6 * H;
  const dhNext = scratch, carry = at(scratch, batch * H);
  memory.fill(scratch, 0, <usize>(2 * batch * H) << 2);
  const whole = H & ~3;
  for (let t = time - 1; t >= 0; t--) {
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      const so = at(s, r * S), dxo = at(dpre, r * W), cb = at(carry, b * H), nb = at(dhNext, b * H);
      const yo = at(dy, r * H);
      let k = 0;
      for (; k < whole; k += 4) {
        const i = ldv(so, k), f = ldv(so, H + k), g = ldv(so, 2 * H + k), o = ldv(so, 3 * H + k), tc = ldv(so, 5 * H + k);
        const cPrev = t === 0 ? ZERO : ldv(so, 4 * H + k - S);
        const dh = f32x4.add(ldv(yo, k), ldv(nb, k));
        const dc = f32x4.add(ldv(cb, k), f32x4.mul(f32x4.mul(dh, o), f32x4.sub(ONE, f32x4.mul(tc, tc))));
        stv(dxo, k, f32x4.mul(f32x4.mul(f32x4.mul(dc, g), i), f32x4.sub(ONE, i)));
        stv(dxo, H + k, f32x4.mul(f32x4.mul(f32x4.mul(dc, cPrev), f), f32x4.sub(ONE, f)));
        stv(dxo, 2 * H + k, f32x4.mul(f32x4.mul(dc, i), f32x4.sub(ONE, f32x4.mul(g, g))));
        stv(dxo, 3 * H + k, f32x4.mul(f32x4.mul(f32x4.mul(dh, tc), o), f32x4.sub(ONE, o)));
        stv(cb, k, f32x4.mul(dc, f));
      }
      for (; k < H; k++) {
        const i = ld(so, k), f = ld(so, H + k), g = ld(so, 2 * H + k), o = ld(so, 3 * H + k), tc = ld(so, 5 * H + k);
        const cPrev: f32 = t === 0 ? 0 : ld(so, 4 * H + k - S);
        const dh = ld(yo, k) + ld(nb, k);
        const dc = ld(cb, k) + dh * o * (1 - tc * tc);
        st(dxo, k, dc * g * i * (1 - i));
        st(dxo, H + k, dc * cPrev * f * (1 - f));
        st(dxo, 2 * H + k, dc * i * (1 - g * g));
        st(dxo, 3 * H + k, dh * tc * o * (1 - o));
        st(cb, k, dc * f);
      }
    }
    if (t > 0) stepBackProduct(dpre, uT, dhNext, batch, time, H, W, t);
  }
  if (dx !== dpre) memory.copy(dx, dpre, <usize>(batch * time * W) << 2);
  weightGradients(h, dpre, dU, dbias, scratch, batch, time, H, W);
}

@inline function gruUnits(xo: usize, so: usize, ho: usize, hb: usize, bias: usize, H: i32, k: i32, first: bool): void {
  const rg = sigmoidv(f32x4.add(ldv(xo, k), recurrentPartV(bias, hb, k, first)));
  const z = sigmoidv(f32x4.add(ldv(xo, H + k), recurrentPartV(bias, hb, H + k, first)));
  const m = recurrentPartV(bias, hb, 2 * H + k, first);
  const n = tanhv(f32x4.add(ldv(xo, 2 * H + k), f32x4.mul(rg, m)));
  const hPrev = first ? ZERO : ldv(ho, k - H);
  stv(so, k, rg); stv(so, H + k, z); stv(so, 2 * H + k, n); stv(so, 3 * H + k, m);
  stv(ho, k, f32x4.add(n, f32x4.mul(z, f32x4.sub(hPrev, n))));
}

@inline function gruUnit(xo: usize, so: usize, ho: usize, hb: usize, bias: usize, H: i32, k: i32, first: bool): void {
  const rg = sigmoid1(ld(xo, k) + recurrentPart(bias, hb, k, first));
  const z = sigmoid1(ld(xo, H + k) + recurrentPart(bias, hb, H + k, first));
  const m = recurrentPart(bias, hb, 2 * H + k, first);
  const n = tanh1(ld(xo, 2 * H + k) + rg * m);
  const hPrev: f32 = first ? 0 : ld(ho, k - H);
  st(so, k, rg); st(so, H + k, z); st(so, 2 * H + k, n); st(so, 3 * H + k, m);
  st(ho, k, n + z * (hPrev - n));
}

export function gruForward(x: usize, u: usize, bias: usize, h: usize, s: usize, scratch: usize, batch: i32, time: i32, hidden: i32): void {
  const H = hidden, W = 3 * H, S = 4 * H;
  const hu = scratch;
  const blocks = blockStarts(H);
  for (let t = 0; t < time; t++) {
    const first = t === 0;
    if (!first) stepProduct(h, u, hu, batch, time, H, W, t);
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      const xo = at(x, r * W), so = at(s, r * S), ho = at(h, r * H), hb = at(hu, b * W);
      for (let n = 0; n < blocks; n++) gruUnits(xo, so, ho, hb, bias, H, blockAt(H, n), first);
      if (blocks === 0) for (let k = 0; k < H; k++) gruUnit(xo, so, ho, hb, bias, H, k, first);
    }
  }
}

export function gruBackward(dy: usize, uT: usize, h: usize, s: usize, dx: usize, dpre: usize, dU: usize, dbias: usize, scratch: usize, batch: i32, time: i32, hidden: i32): void {
  const H = hidden, W = 3 * H, S = 4 * H;
  // dL/dh_{t−1} in two parts: through the recurrent product (dhNext) and directly, h' = n + z⊙(h − n).
  const dhNext = scratch, direct = at(scratch, batch * H);
  memory.fill(scratch, 0, <usize>(2 * batch * H) << 2);
  const whole = H & ~3;
  for (let t = time - 1; t >= 0; t--) {
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      const so = at(s, r * S), xo = at(dx, r * W), po = at(dpre, r * W), nb = at(dhNext, b * H), db = at(direct, b * H);
      const yo = at(dy, r * H);
      const hp = at(h, (r - 1) * H);
      let k = 0;
      for (; k < whole; k += 4) {
        const rg = ldv(so, k), z = ldv(so, H + k), n = ldv(so, 2 * H + k), m = ldv(so, 3 * H + k);
        const hPrev = t === 0 ? ZERO : ldv(hp, k);
        const dh = f32x4.add(f32x4.add(ldv(yo, k), ldv(db, k)), ldv(nb, k));
        const an = f32x4.mul(f32x4.mul(dh, f32x4.sub(ONE, z)), f32x4.sub(ONE, f32x4.mul(n, n)));
        const az = f32x4.mul(f32x4.mul(f32x4.mul(dh, f32x4.sub(hPrev, n)), z), f32x4.sub(ONE, z));
        const ar = f32x4.mul(f32x4.mul(f32x4.mul(an, m), rg), f32x4.sub(ONE, rg));
        stv(po, k, ar); stv(po, H + k, az); stv(po, 2 * H + k, f32x4.mul(an, rg));
        stv(xo, k, ar); stv(xo, H + k, az); stv(xo, 2 * H + k, an);
        stv(db, k, f32x4.mul(dh, z));
      }
      for (; k < H; k++) {
        const rg = ld(so, k), z = ld(so, H + k), n = ld(so, 2 * H + k), m = ld(so, 3 * H + k);
        const hPrev: f32 = t === 0 ? 0 : ld(hp, k);
        const dh = ld(yo, k) + ld(db, k) + ld(nb, k);
        const an = dh * (1 - z) * (1 - n * n);
        const az = dh * (hPrev - n) * z * (1 - z);
        const ar = an * m * rg * (1 - rg);
        st(po, k, ar); st(po, H + k, az); st(po, 2 * H + k, an * rg);
        st(xo, k, ar); st(xo, H + k, az); st(xo, 2 * H + k, an);
        st(db, k, dh * z);
      }
    }
    if (t > 0) stepBackProduct(dpre, uT, dhNext, batch, time, H, W, t);
  }
  weightGradients(h, dpre, dU, dbias, scratch, batch, time, H, W);
}

export function rnnForward(x: usize, u: usize, bias: usize, h: usize, s: usize, scratch: usize, batch: i32, time: i32, hidden: i32): void {
  const H = hidden;
  const hu = scratch;
  const blocks = blockStarts(H);
  for (let t = 0; t < time; t++) {
    const first = t === 0;
    if (!first) stepProduct(h, u, hu, batch, time, H, H, t);
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      const xo = at(x, r * H), ho = at(h, r * H), hb = at(hu, b * H);
      for (let n = 0; n < blocks; n++) {
        const k = blockAt(H, n);
        stv(ho, k, tanhv(f32x4.add(ldv(xo, k), recurrentPartV(bias, hb, k, first))));
      }
      if (blocks === 0) for (let k = 0; k < H; k++) st(ho, k, tanh1(ld(xo, k) + recurrentPart(bias, hb, k, first)));
    }
  }
}

export function rnnBackward(dy: usize, uT: usize, h: usize, s: usize, dx: usize, dpre: usize, dU: usize, dbias: usize, scratch: usize, batch: i32, time: i32, hidden: i32): void {
  const H = hidden;
  const dhNext = scratch;
  memory.fill(scratch, 0, <usize>(batch * H) << 2);
  const whole = H & ~3;
  for (let t = time - 1; t >= 0; t--) {
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      const ho = at(h, r * H), po = at(dpre, r * H), yo = at(dy, r * H), nb = at(dhNext, b * H);
      let k = 0;
      for (; k < whole; k += 4) {
        const v = ldv(ho, k);
        stv(po, k, f32x4.mul(f32x4.add(ldv(yo, k), ldv(nb, k)), f32x4.sub(ONE, f32x4.mul(v, v))));
      }
      for (; k < H; k++) {
        const v = ld(ho, k);
        st(po, k, (ld(yo, k) + ld(nb, k)) * (1 - v * v));
      }
    }
    if (t > 0) stepBackProduct(dpre, uT, dhNext, batch, time, H, H, t);
  }
  if (dx !== dpre) memory.copy(dx, dpre, <usize>(batch * time * H) << 2);
  weightGradients(h, dpre, dU, dbias, scratch, batch, time, H, H);
}
