/**
 * What the app's saliency screen asks for unless the user changes it (pure data, so the
 * renderer may import it): the masked-accuracy drop at 10, 20 and 30 % of the cells.
 */
export const SALIENCY_UI_DEFAULTS = {
  maskedAccuracy: [0.1, 0.2, 0.3],
} as const satisfies { maskedAccuracy: readonly number[] };
