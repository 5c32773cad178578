import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/load-config.ts';
import { DomainError } from '../domain/errors.ts';
import { csrfTokenOf } from '../services/auth/tokens.ts';

/** Readable by the page (not httpOnly), so it can echo the value in the header; another site can neither read nor guess it. */
export const csrfCookie = 'kedang_csrf';
export const csrfHeader = 'x-csrf-token';

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isMutating = (method: string) => mutating.has(method);

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Secure when served over HTTPS (or forced by KEDANG_COOKIE_SECURE for a TLS proxy in front). */
export const secureCookie = (req: FastifyRequest, config: Pick<Config, 'cookieSecure'>) =>
  config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure === 'true';

/**
 * Refuses a request another site started, when the browser says so: Sec-Fetch-Site other than
 * same-origin (or none: typed, bookmarked), or an Origin that is not this host. Clients that send
 * neither header (scripts, curl) pass; they cannot be lured by a web page.
 */
export function assertSameOrigin(req: FastifyRequest) {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw new DomainError('FORBIDDEN', 'cross_origin');
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (!host || host !== req.headers.host) throw new DomainError('FORBIDDEN', 'cross_origin');
}

/**
 * Double submit, bound to the session: a cookie-authenticated write must carry X-CSRF-Token equal to
 * the kedang_csrf cookie, and both must be the session's own token (derived from its secret).
 */
export function assertCsrf(req: FastifyRequest, sessionToken: string) {
  assertSameOrigin(req);
  const header = req.headers[csrfHeader];
  const cookie = req.cookies[csrfCookie];
  const expected = csrfTokenOf(sessionToken);
  if (typeof header !== 'string' || !cookie || !sameText(header, cookie) || !sameText(header, expected)) throw new DomainError('FORBIDDEN', 'csrf_failed');
}

/** Sets the CSRF cookie beside a session cookie (sign-in, or a session from before CSRF tokens existed). */
export function setCsrfCookie(req: FastifyRequest, reply: FastifyReply, config: Pick<Config, 'cookieSecure'>, sessionToken: string, expires?: Date) {
  reply.setCookie(csrfCookie, csrfTokenOf(sessionToken), { httpOnly: false, sameSite: 'strict', secure: secureCookie(req, config), path: '/', ...(expires ? { expires } : {}) });
}
