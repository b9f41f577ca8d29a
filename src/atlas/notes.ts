/** How many items a warning lists before it says how many more there are. */
const SHOWN = 5;

/** `a, b, c, d, e and 7 more`: enough to recognise the problem without flooding the terminal. */
export function listSome(items: string[], shown = SHOWN): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/** Sorted labels with consecutive runs of three or more collapsed: `3, 117–192`. */
export function listLabels(labels: readonly number[]): string {
  const pieces: string[] = [];
  for (let i = 0; i < labels.length;) {
    let j = i;
    while (j + 1 < labels.length && labels[j + 1] === labels[j] + 1) j++;
    if (j - i >= 2) pieces.push(`${labels[i]}–${labels[j]}`);
    else for (let k = i; k <= j; k++) pieces.push(String(labels[k]));
    i = j + 1;
  }
  return listSome(pieces);
}

/** `1 region`, `2 regions`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
