/** The first Ctrl-C calls `first`, any later one `again`; returns the way to stop listening. */
export function onInterrupt(first: () => void, again: () => void): () => void {
  let count = 0;
  const handler = () => (count++ === 0 ? first() : again());
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}
