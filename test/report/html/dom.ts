import { parse, type DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** Parses a whole HTML document with parse5 (the WHATWG algorithm browsers use). */
export function parseHtml(text: string): Element {
  const doc = parse(text);
  const html = doc.childNodes.find((n) => n.nodeName === 'html');
  if (!html) throw new Error('no <html> element');
  return html as Element;
}

/** Every element under `root` (itself included), in document order. */
export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const visit = (n: Node) => {
    if ('tagName' in n) out.push(n);
    const children = 'content' in n && n.nodeName === 'template' ? n.content.childNodes : 'childNodes' in n ? n.childNodes : [];
    children.forEach(visit);
  };
  visit(root);
  return out;
}

export const byTag = (root: Node, tag: string) => elements(root).filter((e) => e.tagName === tag);

export function byId(root: Node, id: string): Element {
  const found = elements(root).filter((e) => attr(e, 'id') === id);
  if (found.length !== 1) throw new Error(`${found.length} elements with id ${id}`);
  return found[0];
}

export function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

/** The text content of a node, entities decoded. */
export function text(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in n ? n.childNodes.map(text).join('') : '';
}

/** A table's body rows as arrays of cell texts (th and td), trimmed. */
export function bodyRows(table: Element): string[][] {
  const tbody = byTag(table, 'tbody')[0];
  return byTag(tbody, 'tr').map((tr) => tr.childNodes.filter((c): c is Element => 'tagName' in c && (c.tagName === 'td' || c.tagName === 'th')).map((c) => text(c).trim()));
}
