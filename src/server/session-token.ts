import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that carries the session token after the first visit of the printed URL. */
export const SESSION_COOKIE = 'ss_session';

/** A fresh token per start: 32 random bytes, URL-safe, so it can sit in the printed URL. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `given` is the session token, in time that does not depend on where they differ
 * (both are hashed first, so their lengths do not leak either).
 */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined || given === '') return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** The token a request presents: `Authorization: Bearer …` first, else the session cookie. */
export function presentedToken(authorization: string | undefined, cookies: Record<string, string | undefined>): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return bearer ? bearer[1] : cookies[SESSION_COOKIE];
}
