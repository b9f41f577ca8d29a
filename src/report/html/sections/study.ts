import { html, type Html } from '../escape.js';
import { short } from '../format.js';
import type { ReportContext } from '../../context.js';
import { kvTable } from './kv-table.js';

/** What was studied: data, classes, subjects, windowing and splits. */
export function studySection(ctx: ReportContext): Html {
  const d = ctx.provenance.design;
  const atlas = ctx.atlas
    ? `${ctx.atlas.bundled ? 'AAL (bundled)' : ctx.atlas.labelsFile} · ${ctx.atlas.space === 'mni' ? 'MNI space' : 'aligned space'}`
    : 'none (regions imported from a table)';
  const labelBy = d.labelBy === 'task' ? 'the task of each run' : `the events' trial_type, onsets shifted by ${short(d.shiftSeconds)} s`;
  const validation = ctx.summary.validationSource === 'carved' ? ' (held out from the training subjects)' : '';
  const rows: [string, unknown][] = [
    ['Dataset', html`<code>${ctx.datasetDir}</code>`],
    ['Classes', `${d.classes.length}: ${d.classes.join(', ')} (labelled by ${labelBy})`],
    ['Tasks', d.tasks.join(', ')],
    ['Subjects', listSome(d.subjects, 12)],
    ['Regions', `${ctx.regions.length}; atlas: ${atlas}`],
    ['Window', `${d.window} volumes (${short(d.window * d.tr)} s), stride ${d.stride} volumes, TR ${short(d.tr)} s${d.zscored ? '; each region z-scored per run' : ''}`],
    ['Samples', `${d.samples.train} training, ${d.samples.validation} validation${validation}, ${d.samples.test} test; subjects split with seed ${d.splitSeed}`],
  ];
  return html`<section id="study"><h2>Study</h2>${kvTable(rows, 'study-table')}</section>`;
}

/** All names when few; else the first `most` and how many more (synthetic data has a "subject" per sample). */
export function listSome(names: readonly string[], most: number): string {
  const shown = names.length <= most ? names : names.slice(0, most);
  return `${names.length}: ${shown.join(', ')}${names.length > most ? `, … (${names.length - most} more)` : ''}`;
}
