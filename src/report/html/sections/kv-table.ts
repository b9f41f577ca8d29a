import { html, type Html } from '../escape.js';

/** A two-column table of label → value rows; values may be markup. */
export function kvTable(rows: [string, unknown][], id?: string): Html {
  return html`<table class="kv"${id ? html` id="${id}"` : ''}><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}
