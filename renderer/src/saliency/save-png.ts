/** Saves a PNG data URL as a download (the "Save PNG" buttons): a click on a temporary <a download>. */
export function downloadPng(dataUrl: string, fileName: string): boolean {
  if (!dataUrl) return false;
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName.endsWith('.png') ? fileName : `${fileName}.png`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return true;
}
