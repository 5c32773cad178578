import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config/load-config.ts';
import { currentUser } from '../../services/auth/current-user.ts';
import { listMySessions, revokeMyOtherSessions, revokeMySession, signOutEverywhere } from '../../services/auth/sessions.ts';
import { completeTotpSignIn, signIn, signInSchema, signOut, totpSignInSchema, type SignedIn } from '../../services/auth/sign-in.ts';
import { disableTotp, enableTotp, setupTotp, totpDisableSchema, totpEnableSchema } from '../../services/auth/totp.ts';
import type { Deps } from '../../services/deps.ts';
import { assertCsrf, assertSameOrigin, csrfCookie, secureCookie, setCsrfCookie } from '../csrf.ts';
import { actorOf, idParam, sessionCookie } from '../request-context.ts';

const sessionParams = z.object({ id: z.string().describe('public session id from GET /api/v1/auth/sessions') });

export function authRoutes(app: FastifyInstance, deps: Deps, config: Config) {
  const tags = ['auth'];
  const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null, sessionHours: config.sessionHours, sessionMaxDays: config.sessionMaxDays });

  /** The session cookie (httpOnly) and its CSRF cookie (readable by the page). */
  const startSession = (req: FastifyRequest, reply: FastifyReply, result: SignedIn) => {
    const expires = new Date(result.expiresAt);
    reply.setCookie(sessionCookie, result.sessionToken, { httpOnly: true, sameSite: 'strict', secure: secureCookie(req, config), path: '/', expires });
    setCsrfCookie(req, reply, config, result.sessionToken, expires);
    return { user: result.user, expiresAt: result.expiresAt };
  };
  const endSession = (reply: FastifyReply) => {
    reply.clearCookie(sessionCookie, { path: '/' });
    reply.clearCookie(csrfCookie, { path: '/' });
  };
  // no session yet to carry a CSRF token: a sign-in another site started is refused by its origin instead
  const signInConfig = { public: true, signInLimit: true } as const;

  app.post('/api/v1/auth/sign-in', { config: signInConfig, schema: { tags, summary: 'Sign in; sets an httpOnly session cookie and a kedang_csrf cookie, or asks for a TOTP code ({ totpRequired, challenge })', body: signInSchema } }, async (req, reply) => {
    assertSameOrigin(req);
    const result = await signIn(deps, req.body, client(req));
    if (result.totpRequired) return { totpRequired: true, challenge: result.challenge, challengeExpiresAt: result.challengeExpiresAt };
    return startSession(req, reply, result);
  });

  app.post('/api/v1/auth/sign-in/totp', { config: signInConfig, schema: { tags, summary: 'Second sign-in step: the challenge and a code from the authenticator app', body: totpSignInSchema } }, async (req, reply) => {
    assertSameOrigin(req);
    return startSession(req, reply, await completeTotpSignIn(deps, req.body, client(req)));
  });

  app.post('/api/v1/auth/sign-out', { config: { public: true }, schema: { tags, summary: 'Sign out and end the session (send X-CSRF-Token with the session cookie)' } }, async (req, reply) => {
    const token = req.cookies[sessionCookie];
    if (token) {
      assertCsrf(req, token);
      await signOut(deps, token);
    }
    endSession(reply);
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: 'The signed-in user and what they may do' } }, (req) => currentUser(deps, actorOf(req)));

  app.get('/api/v1/auth/sessions', { schema: { tags, summary: 'My sessions: device, address, created, last seen, which is this one' } }, (req) => listMySessions(deps, actorOf(req), req.sessionId));
  app.delete('/api/v1/auth/sessions/:id', { schema: { tags, summary: 'End one of my sessions (this one signs out)', params: sessionParams } }, async (req, reply) => {
    const { current } = await revokeMySession(deps, actorOf(req), String((req.params as { id: string }).id), req.sessionId);
    if (current) endSession(reply);
    return reply.status(204).send();
  });
  app.post('/api/v1/auth/sessions/sign-out-others', { schema: { tags, summary: 'End all my other sessions' } }, (req) => revokeMyOtherSessions(deps, actorOf(req), req.sessionId));
  app.post('/api/v1/users/:id/sign-out-everywhere', { schema: { tags: ['users'], summary: 'End every session of a user (admin)', params: z.object({ id: z.string() }) } }, (req) =>
    signOutEverywhere(deps, actorOf(req), idParam(req)),
  );

  app.post('/api/v1/auth/totp/setup', { schema: { tags, summary: 'Start two-step verification: a new secret and its otpauth:// URI (shown once)' } }, (req) => setupTotp(deps, actorOf(req)));
  app.post('/api/v1/auth/totp/enable', { schema: { tags, summary: 'Confirm with a code from the app; sign-in asks for codes from now on', body: totpEnableSchema } }, (req) => enableTotp(deps, actorOf(req), req.body));
  app.post('/api/v1/auth/totp/disable', { schema: { tags, summary: 'Turn two-step verification off (password and a code)', body: totpDisableSchema } }, (req) => disableTotp(deps, actorOf(req), req.body));
}
