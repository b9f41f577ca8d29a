import { DEMO_DESIGN, type DemoDesign } from '../../src/demo/index.js';

/**
 * The demo's design with its first 8 subjects: for tests that use the demo study as a study
 * like any other (readers, previews, cancellation), at half the generation time of the full
 * 16-subject demo. Tests of the demo itself use DEMO_DESIGN.
 */
export const EIGHT_SUBJECT_DEMO: DemoDesign = { ...DEMO_DESIGN, subjects: DEMO_DESIGN.subjects.slice(0, 8) };
