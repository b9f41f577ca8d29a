/** The app's own origin: the renderer is served as app://renderer/… (setup-protocol.ts), never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Whether `url` belongs to the app's own origin. Node's URL gives a custom scheme the origin
 * "null", so scheme and host are compared instead (Chromium lowercases a standard scheme's host;
 * anything else is refused).
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
