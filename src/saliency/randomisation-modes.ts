/**
 * The model-parameter randomisation test's modes (Adebayo et al., "Sanity Checks for Saliency
 * Maps", NeurIPS 2018). `cascading`: layer groups re-initialised from the head down, one more
 * per stage (cumulative), as in the paper; `independent`: every layer group at once, one stage.
 * Kept apart from randomisation.ts so that schemas can name them without loading TF.js.
 */
export const RANDOMISATION_MODES = ['cascading', 'independent'] as const;
export type RandomisationMode = (typeof RANDOMISATION_MODES)[number];
