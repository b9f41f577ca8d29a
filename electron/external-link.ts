/**
 * The URL to hand to the system browser, or null: only https, with a host and no credentials
 * in it (a `https://user:pass@…` link is a phishing classic). `javascript:`, `file:`, `http:`
 * and custom schemes never leave the app.
 */
export function safeExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}
