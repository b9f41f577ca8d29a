import { loadAtlas, type Atlas } from '../atlas/index.js';
import { defaultAtlasPaths } from '../assets.js';

/** Which atlas an operation uses: a label image and its names, or (no labels) the bundled AAL. */
export interface AtlasChoice {
  /** Label image; absent: the bundled AAL atlas. */
  labels?: string;
  /** Region names; absent: `<labels>.txt` beside the image if present (the bundled names for AAL). */
  names?: string;
  /** Accept a names file that leaves labels unnamed (they are named by number, with a warning). */
  allowUnnamed?: boolean;
}

/**
 * Loads the chosen atlas, or the bundled AAL with its names when none is chosen. Names given
 * without labels apply to the bundled image (so a user can rename AAL's regions).
 */
export function resolveAtlas(choice: AtlasChoice = {}): Promise<Atlas> {
  const options = { allowUnnamed: choice.allowUnnamed };
  if (choice.labels) return loadAtlas(choice.labels, choice.names, options);
  const bundled = defaultAtlasPaths();
  return loadAtlas(bundled.labels, choice.names ?? bundled.names, options);
}
