/** The report's only stylesheet: system fonts, readable on screen, A4 when printed. */
export const REPORT_CSS = `
@page { size: A4; margin: 12mm 10mm; }
:root { color-scheme: light; }
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #1b1b1b; background: #fff; max-width: 820px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 3px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
header .meta { color: #555; margin: 0; }
nav ol { columns: 2; margin: 10px 0; padding-left: 20px; color: #444; }
nav a { color: #1f4e8c; text-decoration: none; }
code { font: 12px/1.3 Menlo, Consolas, monospace; word-break: break-all; }
table { border-collapse: collapse; margin: 6px 0 10px; font-size: 13px; }
table.kv th { text-align: left; vertical-align: top; padding: 3px 14px 3px 0; white-space: nowrap; color: #333; }
table.kv td { padding: 3px 0; }
table.grid th, table.grid td { border: 1px solid #d0d0d0; padding: 3px 7px; text-align: right; }
table.grid th { background: #f2f2f2; }
table.grid td.name, table.grid td.path, table.grid td.hash, table.grid td:first-child { text-align: left; }
table.grid td.diag { background: #e5f0fa; font-weight: bold; }
table.files { font-size: 11px; width: 100%; table-layout: fixed; }
table.grid th.left, table.files th { text-align: left; }
figure { margin: 10px 0 16px; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: 12px; color: #444; margin-top: 4px; }
.note { color: #6b4e00; background: #fff8e1; padding: 6px 10px; }
.small { font-size: 12px; color: #444; }
ol.references { font-size: 12px; padding-left: 22px; }
section { break-inside: auto; }
tr { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-inside: avoid; break-after: avoid-page; }
@media print { body { margin: 0; max-width: none; padding: 0; font-size: 12px; } nav { display: none; } }
`;
