import { parcellateImage } from '../../app/parcellate.js';
import { onePositional, parseCommand, requiredOption } from '../args.js';
import { atlasChoice } from '../atlas-option.js';
import type { CliIO } from '../io.js';
import { checkOutFile } from '../out-file.js';
import { createProgress } from '../progress.js';

export const parcellateHelp = `Usage: saliency-studio parcellate <bold> [--atlas <labels>] [--names <file>] [--allow-unnamed] --out <file.tsv>

Mean signal of every atlas region at every volume of a 4-D image. The atlas is resampled
onto the image's grid by nearest neighbour through both affines (as nilearn's
NiftiLabelsMasker with resampling_target='data'). NaN and ±Inf voxels are left out of a
region's mean (nan where a region has no finite voxel); a warning says where.

Options:
  --atlas <labels>  label image (default: the bundled AAL atlas)
  --names <file>    region names: MRIcron .txt, TSV/CSV (index, name) or FreeSurfer LUT
                    (default: <labels>.txt beside the atlas if present, else label values).
                    Labels it does not name, names it has but the image lacks, and names
                    given to several labels (then told apart by label) are warned about;
                    one that names under 90% of the image's labels is refused
  --allow-unnamed   accept such a names file, naming the unnamed regions by label number
  --out <file.tsv>  output table: label, name, voxels, t0, t1, … (one row per region)
`;

export async function parcellateCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('parcellate', argv, {
    atlas: { type: 'string' },
    names: { type: 'string' },
    'allow-unnamed': { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values.help) {
    io.out(parcellateHelp);
    return 0;
  }
  const bold = onePositional('parcellate', positionals, '<bold>');
  const out = requiredOption('parcellate', 'out', values.out);
  await checkOutFile('parcellate', 'out', out);
  const progress = createProgress('parcellating', io.err);
  const result = await parcellateImage({ bold, atlas: atlasChoice(values), out }, {
    onProgress: ({ done, total }) => progress.update(done, total, 'volumes'),
  });
  progress.done();
  warn(io, [...result.atlasWarnings, ...result.warnings]);
  const kept = result.regions - result.vanished.length;
  io.out(`${kept} of ${result.regions} regions × ${result.volumes} volumes written to ${out}\n`);
  if (result.vanished.length > 0) {
    io.out(`${result.vanished.length} regions have no voxel on this grid (nan in the table): ${result.vanished.map((r) => r.name).join(', ')}\n`);
  }
  return 0;
}

function warn(io: CliIO, warnings: string[]): void {
  for (const w of warnings) io.err.write(`warning: ${w}\n`);
}
