import { describe, expect, it } from 'vitest';
import { formatTableMarkdown, formatTableTsv, type PaperRow } from '../../src/paper/table-format.js';
import { TABLE_NOTES } from '../../src/paper/table-notes.js';

function row(dataset: PaperRow['dataset'], model: PaperRow['model'], stopReason: PaperRow['stopReason']): PaperRow {
  return { dataset, model, wjac: 0.1234, euc: 0.9, acc: 100, tsrWjac: 0.25, tsrEuc: 0.75, epochs: 12, trainSeconds: 33.4, stopReason };
}

const ROWS = [
  row('latter', 'lstm', null),
  row('mixed', 'lstm', { kind: 'train-accuracy', target: 1 }),
  row('mixed', 'lstm+input-cell', { kind: 'patience', without: 40, unit: 'evaluation' }),
];
const MIXED_NOTE = TABLE_NOTES.find((n) => n.id === 'mixed-training-length')!.text;

describe('formatTableTsv', () => {
  it('keeps one tab-separated line per row, the mixed rows\' note in a last column and the others\' empty', () => {
    const lines = formatTableTsv(ROWS).trimEnd().split('\n').map((l) => l.split('\t'));
    expect(lines.map((l) => l.length)).toEqual([14, 14, 14, 14]);
    expect(lines[0].slice(-3)).toEqual(['train_seconds', 'stop', 'note']);
    // Table 1, latter / LSTM: .019 / .985 / 100; mixed / LSTM: .000 / 1.003 / 49.1; + input-cell .104 / .912 / 77.6.
    expect(lines[1]).toEqual(['latter', 'lstm', '0.123', '0.900', '100.0', '0.019', '0.985', '100.0', '0.250', '0.750', '12', '33', 'max-epochs', '']);
    expect(lines[2].slice(5, 8)).toEqual(['0.000', '1.003', '49.1']);
    expect(lines[3].slice(5, 8)).toEqual(['0.104', '0.912', '77.6']);
    expect([lines[2].slice(-2), lines[3].slice(-2)]).toEqual([['train-accuracy', MIXED_NOTE], ['patience', MIXED_NOTE]]);
  });

  it('has notes that fit in one cell and point to the emulation', () => {
    for (const n of TABLE_NOTES) expect(n.text).not.toMatch(/[\t\r\n]/);
    expect(MIXED_NOTE).toContain('Type−1');
    expect(MIXED_NOTE).toContain('see bench/README.md, "Mixed emulation"');
  });
});

describe('formatTableMarkdown', () => {
  it('marks each mixed row and prints the note once, after the table', () => {
    const text = formatTableMarkdown(ROWS);
    const lines = text.split('\n');
    expect(lines[0]).toBe('| dataset | model | WJac | Euc | acc % | paper WJac | paper Euc | paper acc % | TSR WJac | TSR Euc | epochs | train s | stop |');
    expect(lines[2]).toBe('| latter | lstm | 0.123 | 0.900 | 100.0 | 0.019 | 0.985 | 100.0 | 0.250 | 0.750 | 12 | 33 | max-epochs |');
    expect(lines[3]).toMatch(/^\| mixed \[1\] \| lstm \| .* \| train-accuracy \|$/);
    expect(lines[4]).toMatch(/^\| mixed \[1\] \| lstm\+input-cell \| .* \| patience \|$/);
    expect(lines.slice(5)).toEqual(['', `[1] ${MIXED_NOTE}`, '']);
  });

  it('prints no notes for rows that have none', () => {
    const text = formatTableMarkdown([ROWS[0]]);
    expect(text.trimEnd().split('\n')).toHaveLength(3);
    expect(text).not.toContain('[1]');
  });
});
