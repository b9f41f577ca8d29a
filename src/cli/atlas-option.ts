import { loadAtlas, type Atlas, type LoadAtlasOptions } from '../atlas/index.js';
import { defaultAtlasPaths } from '../assets.js';

/** The atlas named by `--atlas`/`--names`, or the bundled AAL (with its names) when none is. */
export function atlasFromOptions(atlas: string | undefined, names: string | undefined, options: LoadAtlasOptions = {}): Promise<Atlas> {
  if (atlas) return loadAtlas(atlas, names, options);
  const bundled = defaultAtlasPaths();
  return loadAtlas(bundled.labels, names ?? bundled.names, options);
}
