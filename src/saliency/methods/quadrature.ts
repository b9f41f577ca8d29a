import { badOption } from './errors.js';
import { LIMITS } from './limits.js';
import { integerAtLeast } from './validate.js';

/** Integration rules for IG, named as in Captum (`approximation_method`). */
export type IntegrationRule = 'riemann_left' | 'riemann_right' | 'riemann_middle' | 'riemann_trapezoid' | 'gausslegendre';
export const INTEGRATION_RULES: readonly IntegrationRule[] = ['riemann_left', 'riemann_right', 'riemann_middle', 'riemann_trapezoid', 'gausslegendre'];

/** Points α_k in [0, 1] and weights w_k with Σ_k w_k g(α_k) ≈ ∫₀¹ g(α) dα. */
export interface Quadrature {
  alphas: Float64Array;
  weights: Float64Array;
}

/** The `steps`-point rule on [0, 1] (1 ≤ steps ≤ LIMITS.steps); the trapezoid rule needs at least 2 points. */
export function quadrature(rule: IntegrationRule, steps: number): Quadrature {
  integerAtLeast(steps, 1, 'steps', 'SALIENCY_STEPS', LIMITS.steps);
  const at = (f: (k: number) => number) => Float64Array.from({ length: steps }, (_, k) => f(k));
  const even = at(() => 1 / steps);
  switch (rule) {
    case 'riemann_left':
      return { alphas: at((k) => k / steps), weights: even };
    case 'riemann_right':
      return { alphas: at((k) => (k + 1) / steps), weights: even };
    case 'riemann_middle':
      return { alphas: at((k) => (k + 0.5) / steps), weights: even };
    case 'riemann_trapezoid': {
      if (steps < 2) badOption('SALIENCY_STEPS', 'steps', steps, 'at least 2 for riemann_trapezoid');
      const h = 1 / (steps - 1);
      return { alphas: at((k) => k * h), weights: at((k) => (k === 0 || k === steps - 1 ? h / 2 : h)) };
    }
    case 'gausslegendre': {
      const { nodes, weights } = gaussLegendre(steps);
      return { alphas: nodes.map((x) => (x + 1) / 2), weights: weights.map((w) => w / 2) };
    }
    default:
      return badOption('SALIENCY_RULE', 'rule', rule, `one of ${INTEGRATION_RULES.map((r) => `"${r}"`).join(', ')}`);
  }
}

/**
 * Gauss–Legendre nodes (ascending) and weights on [−1, 1]: the roots of P_n by Newton's
 * method from Tricomi's initial guesses, w = 2 / ((1 − x²) P_n'(x)²). Exact for polynomials
 * of degree ≤ 2n − 1.
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      const [p, dp] = legendre(n, x);
      const step = p / dp;
      x -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    const slope = legendre(n, x)[1];
    const w = 2 / ((1 - x * x) * slope * slope);
    // Roots come largest first and pair up as ±x.
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  return { nodes, weights };
}

/** P_n(x) and P_n'(x) by the three-term recurrence. */
function legendre(n: number, x: number): [number, number] {
  let prev = 1;
  let p = x;
  if (n === 0) return [1, 0];
  for (let k = 2; k <= n; k++) [prev, p] = [p, ((2 * k - 1) * x * p - (k - 1) * prev) / k];
  return [p, (n * (x * p - prev)) / (x * x - 1)];
}
