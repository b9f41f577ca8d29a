import type { AtlasChoice } from '../app/atlas.js';

/** The atlas choice typed as `--atlas`/`--names`/`--allow-unnamed` (none: the bundled AAL). */
export function atlasChoice(values: { atlas?: string; names?: string; 'allow-unnamed'?: boolean }): AtlasChoice {
  return { labels: values.atlas, names: values.names, allowUnnamed: values['allow-unnamed'] };
}
