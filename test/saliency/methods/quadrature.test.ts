import { describe, expect, it } from 'vitest';
import { SaliencyError, gaussLegendre, quadrature } from '../../../src/saliency/methods/index.js';

describe('Gauss–Legendre nodes and weights', () => {
  it('match the tabulated values for n = 1, 2, 3 and 5', () => {
    const table: Record<number, [number[], number[]]> = {
      1: [[0], [2]],
      2: [[-1 / Math.sqrt(3), 1 / Math.sqrt(3)], [1, 1]],
      3: [[-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)], [5 / 9, 8 / 9, 5 / 9]],
      5: [
        [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664],
        [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891],
      ],
    };
    for (const [n, [nodes, weights]] of Object.entries(table)) {
      const rule = gaussLegendre(Number(n));
      nodes.forEach((v, i) => expect(rule.nodes[i]).toBeCloseTo(v, 14));
      weights.forEach((v, i) => expect(rule.weights[i]).toBeCloseTo(v, 14));
    }
  });

  it('integrate every polynomial of degree ≤ 2n − 1 exactly', () => {
    for (const n of [4, 7, 20, 50]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let degree = 0; degree <= 2 * n - 1; degree++) {
        const sum = nodes.reduce((acc, x, i) => acc + weights[i] * x ** degree, 0);
        expect(sum).toBeCloseTo(degree % 2 ? 0 : 2 / (degree + 1), 12);
      }
    }
  });

  it('are mapped to [0, 1] for IG with weights summing to 1', () => {
    const { alphas, weights } = quadrature('gausslegendre', 3);
    alphas.forEach((a, i) => expect(a).toBeCloseTo([0.5 - Math.sqrt(0.15), 0.5, 0.5 + Math.sqrt(0.15)][i], 14));
    expect(weights.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 14);
  });
});

describe('Riemann rules (Captum’s definitions)', () => {
  it('place n points left, right, in the middle or on the ends of n intervals', () => {
    const pts = (rule: Parameters<typeof quadrature>[0]) => {
      const q = quadrature(rule, 4);
      return [Array.from(q.alphas), Array.from(q.weights)];
    };
    expect(pts('riemann_left')).toEqual([[0, 0.25, 0.5, 0.75], [0.25, 0.25, 0.25, 0.25]]);
    expect(pts('riemann_right')).toEqual([[0.25, 0.5, 0.75, 1], [0.25, 0.25, 0.25, 0.25]]);
    expect(pts('riemann_middle')).toEqual([[0.125, 0.375, 0.625, 0.875], [0.25, 0.25, 0.25, 0.25]]);
    expect(pts('riemann_trapezoid')).toEqual([[0, 1 / 3, 2 / 3, 1], [1 / 6, 1 / 3, 1 / 3, 1 / 6]]);
  });

  it('reject a step count they cannot use', () => {
    expect(() => quadrature('riemann_trapezoid', 1)).toThrow(SaliencyError);
    expect(() => quadrature('gausslegendre', 0)).toThrow(/steps = 0; expected an integer ≥ 1/);
    expect(() => quadrature('simpson' as never, 4)).toThrow(/rule = "simpson"; expected one of "riemann_left"/);
  });
});
