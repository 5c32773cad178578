import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config/load-config.ts';
import { DomainError, parseOrThrow } from '../domain/errors.ts';
import type { Actor } from '../domain/users/user.ts';
import { idTextSchema } from '../domain/shared/primitives.ts';
import { authenticateSession, authenticateToken } from '../services/auth/authenticate.ts';
import { csrfTokenOf, hashSecret } from '../services/auth/tokens.ts';
import type { Deps } from '../services/deps.ts';
import { assertCsrf, csrfCookie, isMutating, setCsrfCookie } from './csrf.ts';

export const sessionCookie = 'kedang_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    /** The stored id (SHA-256) of the session cookie that authenticated this request, if one did. */
    sessionId: string | undefined;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, sign-in, API docs). */
    public?: boolean;
  }
}

/** The signed-in actor of this request; routes call it, so no route can forget authentication. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('UNAUTHENTICATED', 'unauthenticated');
  return req.actor;
}

/** Path ids through the same validation door as bodies, so /customers/abc is a 400 naming "id". */
export function idParam(req: FastifyRequest, name = 'id'): number {
  const raw = (req.params as Record<string, string>)[name];
  const parsed = idTextSchema.safeParse(raw);
  if (!parsed.success) throw new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [name], code: 'invalid_type', params: { expected: 'id' } }]);
  return parsed.data;
}

/** The query string a use case sees: `lang` only picks the language of messages (see localeOf). */
export function queryOf(req: FastifyRequest): Record<string, unknown> {
  const { lang: _lang, ...query } = (req.query ?? {}) as Record<string, unknown>;
  return query;
}

const nestedPageSchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Paging of the lists under a customer (history, contacts, purchases, interactions); bad values are a 400 like any input. */
export function pageOf(req: FastifyRequest): { page: number; pageSize: number } {
  return parseOrThrow(nestedPageSchema, queryOf(req));
}

/**
 * Every /api route requires a user unless its config says public; bearer token first, then cookie.
 * Runs on request, before the body is read, so an anonymous client cannot make us parse anything.
 * Cookie-authenticated writes must also pass the CSRF check (bearer tokens are never sent by a
 * browser on its own, so they need none).
 */
export function installAuthentication(app: FastifyInstance, deps: Deps, config: Pick<Config, 'sessionHours' | 'sessionMaxDays' | 'cookieSecure'>) {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionId', undefined);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.routeOptions.config?.public) return;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m?.[1]) throw new DomainError('UNAUTHENTICATED', 'unauthenticated');
      req.actor = await authenticateToken(deps, m[1]);
      req.rateKey = `token:${hashSecret(m[1]).slice(0, 16)}`;
      return;
    }
    const token = req.cookies[sessionCookie];
    if (!token) throw new DomainError('UNAUTHENTICATED', 'unauthenticated');
    const actor = await authenticateSession(deps, token, config);
    req.actor = actor;
    req.sessionId = hashSecret(token);
    req.rateKey = actor.kind === 'user' ? `user:${actor.userId}` : undefined;
    if (isMutating(req.method)) assertCsrf(req, token);
    // sessions from before CSRF tokens (or a cleared cookie) get theirs on the next read
    else if (req.cookies[csrfCookie] !== csrfTokenOf(token)) setCsrfCookie(req, reply, config, token);
  });
}
