/** Tooltip texts of the Design screen, one per field. */
export const DESIGN_HELP = {
  labelBy: 'What each window is labelled with. "task": which task the subject was doing in that run (one class per task). "trial_type": the events file\'s trial_type at that time (blocks or trials within a run).',
  classes: 'The classes to keep; windows of the others are left out. At least two.',
  window: 'Window length: how many consecutive volumes make one sample. Seconds = volumes × TR.',
  stride: 'Stride: how many volumes the window moves between samples. A stride below the window length makes overlapping windows.',
  shift: 'Hemodynamic shift: the BOLD response peaks about 5–6 s after the neural event, so event onsets are moved this many seconds later before windows are labelled (trial_type only).',
  split: 'Fractions of the subjects for training, validation (early stopping) and test (the final accuracy). Whole subjects go to one side, so no subject is in two. They need not add up to 1: they are normalised.',
  seed: 'Seed of the subject shuffle: the same seed gives the same split.',
  name: 'The dataset\'s name: its folder under datasets/ in the workspace. Letters, digits, ".", "_" and "-".',
} as const;
