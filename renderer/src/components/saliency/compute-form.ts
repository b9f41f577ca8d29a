/** The compute panel's form, and the `saliency.compute` request it makes. */
import type { z } from 'zod';
import { COMPUTE_DEFAULTS, type computeRequest } from '../../../../src/api/index.js';
import { METHODS, OPTION_DEFAULTS, TSR_ALPHA_DEFAULT, type Method, type MethodOptions } from '../../help/saliency.js';

export type ComputeRequest = z.input<typeof computeRequest>;

export interface ComputeForm {
  run: string;
  method: Method;
  options: Required<MethodOptions>;
  tsr: boolean;
  alpha: number;
  samples: 'test' | 'all';
  target: 'true' | 'predicted';
  /** The model-parameter randomisation check: a mode, or off. */
  randomisation: NonNullable<ComputeRequest['randomisation']>;
}

export function initialComputeForm(run: string): ComputeForm {
  return { run, method: 'grad', options: { ...OPTION_DEFAULTS }, tsr: false, alpha: TSR_ALPHA_DEFAULT, samples: 'test', target: 'true', randomisation: COMPUTE_DEFAULTS.randomisation };
}

/** The request: only the options the method reads, TSR with its α when on. */
export function computeRequestOf(form: ComputeForm): ComputeRequest {
  const used = METHODS[form.method].options;
  const options = Object.fromEntries(used.map((name) => [name, form.options[name]])) as MethodOptions;
  return {
    run: form.run,
    method: form.method,
    ...(used.length ? { options } : {}),
    tsr: form.tsr ? { alpha: form.alpha } : false,
    samples: form.samples,
    target: form.target,
    randomisation: form.randomisation,
  };
}
