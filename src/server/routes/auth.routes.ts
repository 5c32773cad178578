import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/load-config.ts';
import { currentUser } from '../../services/auth/current-user.ts';
import { signIn, signInSchema, signOut } from '../../services/auth/sign-in.ts';
import type { Deps } from '../../services/deps.ts';
import { actorOf, sessionCookie } from '../request-context.ts';

export function authRoutes(app: FastifyInstance, deps: Deps, config: Config) {
  const secureCookie = (protocol: string) => (config.cookieSecure === 'auto' ? protocol === 'https' : config.cookieSecure === 'true');

  app.post('/api/v1/auth/sign-in', { config: { public: true }, schema: { tags: ['auth'], summary: 'Sign in; sets an httpOnly session cookie', body: signInSchema } }, async (req, reply) => {
    const result = await signIn(deps, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, sessionHours: config.sessionHours });
    reply.setCookie(sessionCookie, result.sessionToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookie(req.protocol),
      path: '/',
      expires: new Date(result.expiresAt),
    });
    return { user: result.user, expiresAt: result.expiresAt };
  });

  app.post('/api/v1/auth/sign-out', { config: { public: true }, schema: { tags: ['auth'], summary: 'Sign out and end the session' } }, async (req, reply) => {
    const token = req.cookies[sessionCookie];
    if (token) await signOut(deps, token);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user and what they may do' } }, (req) => currentUser(deps, actorOf(req)));
}
