import type { ReproducePaperResult } from '../../app/reproduce-paper.js';
import { formatTableMarkdown } from '../../paper/table-format.js';

/** The bar title of each reproduction phase (item: the dataset, or `<dataset>/<model>`), as the CLI has always shown it. */
export function reproducePhaseTitle({ phase, item = '' }: { phase: string; item?: string }): string | null {
  const cell = item.split('/').join(' · ');
  switch (phase) {
    case 'generate': return `${item} · generating`;
    case 'train': return `${cell} · training`;
    case 'saliency': return `${cell} · gradient`;
    case 'saliency-tsr': return `${cell} · gradient + TSR`;
    default: return null;
  }
}

/** The reproduction's final summary for a terminal: the table beside the paper's, and where table.tsv went. */
export function formatReproduceSummary(result: Pick<ReproducePaperResult, 'rows' | 'seconds' | 'table'>): string {
  return `${formatTableMarkdown(result.rows)}\n${result.rows.length} rows in ${(result.seconds / 60).toFixed(1)} min; table written to ${result.table}\n`;
}
