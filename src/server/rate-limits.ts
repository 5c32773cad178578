import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config/load-config.ts';
import { DomainError } from '../domain/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Whose API budget a request spends: the signed-in user, the bearer token, or the client address. */
    rateKey: string | undefined;
  }
  interface FastifyContextConfig {
    /** Counted against the per-address sign-in limit instead of the API limit. */
    signInLimit?: boolean;
  }
}

/**
 * Two fixed windows of a minute (in memory, per process): sign-in requests per client address, and
 * every other /api request per user or token (per address before signing in). Runs after
 * authentication, so a user's budget follows them across addresses.
 */
export async function installRateLimits(app: FastifyInstance, config: Pick<Config, 'rateLimitPerMinute' | 'signInRateLimitPerMinute'>) {
  await app.register(rateLimit, { global: false });
  app.decorateRequest('rateKey', undefined);
  const api = app.createRateLimit({ max: config.rateLimitPerMinute, timeWindow: 60_000, keyGenerator: (req) => req.rateKey ?? `ip:${req.ip}` });
  const signIn = app.createRateLimit({ max: config.signInRateLimitPerMinute, timeWindow: 60_000, keyGenerator: (req) => `ip:${req.ip}` });
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const isSignIn = req.routeOptions.config?.signInLimit === true;
    const r = await (isSignIn ? signIn : api)(req);
    if (r.isAllowed) return;
    reply.header('x-ratelimit-limit', r.max).header('x-ratelimit-remaining', r.remaining);
    if (r.isExceeded) {
      throw new DomainError('TOO_MANY_ATTEMPTS', isSignIn ? 'sign_in_rate_limited' : 'rate_limited', [], { retryAfterSeconds: Math.max(1, r.ttlInSeconds) });
    }
  });
}
