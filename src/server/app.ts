import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Config, TlsFiles } from '../config/load-config.ts';
import { DomainError } from '../domain/errors.ts';
import type { Deps } from '../services/deps.ts';
import { clientErrorHandler, errorBody, localeOf, sendError } from './http-errors.ts';
import { installAuthentication } from './request-context.ts';
import { installRateLimits } from './rate-limits.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { customerRoutes } from './routes/customers.routes.ts';
import { recordRoutes } from './routes/records.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { accessRoutes } from './routes/access.routes.ts';
import { sharingRoutes } from './routes/sharing.routes.ts';
import { classificationRoutes } from './routes/classification.routes.ts';
import { createClassificationJobs } from './classification-jobs.ts';
import { importRoutes } from './routes/imports.routes.ts';
import type { BulkLoader } from '../services/ports.ts';

export type AppOptions = { deps: Deps; bulk: BulkLoader; config: Config; webRoot?: string | undefined; logger?: boolean; engine: string; version: string; tls?: TlsFiles | undefined };

export async function buildApp({ deps, bulk, config, webRoot, logger = true, engine, version, tls }: AppOptions): Promise<FastifyInstance> {
  // over HTTPS the raw server is an https.Server; everything we touch is the same on both
  const app = Fastify({
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
    // JSON logs for machines; readable lines when a person watches the terminal
    logger: logger ? { level: config.logLevel, ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}) } : false,
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    // ids and keys are ours to validate (services), so Fastify leaves bodies and params alone
    ajv: { customOptions: { strict: false } },
    // errors Fastify raises before routing (a bad % escape) and malformed HTTP keep the contract's shape
    frameworkErrors: (err, req, reply) => sendError(err, req, reply),
    clientErrorHandler,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  // "<", ">" and "&" never leave as themselves: a JSON body a browser sniffs as HTML cannot open a tag
  app.setReplySerializer((payload) => JSON.stringify(payload).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

  await app.register(cookie);
  await installSecurityHeaders(app, { tls: Boolean(tls) });
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kedang 客档 API', version, description: 'Customer archive. Errors: { error: { code, message, issues: [{ path, code, message }] } }; Accept-Language picks zh-CN or en.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'kedang token create --user NAME' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'kedang_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // the docs page is public like the OpenAPI document it shows
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true } as typeof route.config;
  });
  // no validator badge: it would load an image from another site, which the CSP refuses anyway
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list', validatorUrl: null } });

  installAuthentication(app, deps, config);
  // after authentication, so the API budget is per user or token
  await installRateLimits(app, config);

  app.get('/api/health', { config: { public: true }, schema: { tags: ['health'], summary: 'Liveness and database check' } }, async () => {
    await deps.db.users.count();
    return { status: 'ok', engine, version };
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  authRoutes(app, deps, config);
  customerRoutes(app, deps);
  recordRoutes(app, deps);
  adminRoutes(app, deps);
  accessRoutes(app, deps);
  sharingRoutes(app, deps);
  // classification runs (API and the nightly schedule) happen on a worker thread; closing the app stops them
  const jobs = createClassificationJobs(config, deps, (msg, err) => app.log.error({ err }, msg));
  app.addHook('onClose', () => jobs.close());
  classificationRoutes(app, deps, jobs);
  await importRoutes(app, deps, bulk, config);

  const index = webRoot ? path.join(webRoot, 'index.html') : undefined;
  if (webRoot && index && fs.existsSync(index)) {
    // built assets carry a content hash in their names, so browsers may keep them for good
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: false, maxAge: '365d', immutable: true });
    // read per request and never cached, so a rebuilt web app shows up without a restart
    const html = (reply: FastifyReply) => reply.type('text/html').header('cache-control', 'no-cache').send(fs.readFileSync(index));
    app.get('/', { config: { public: true } }, (_req, reply) => html(reply));
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return reply.status(404).send(errorBody(new DomainError('NOT_FOUND', 'route_not_found'), localeOf(req)));
      // the web app routes on the client: every other GET gets the page
      return html(reply);
    });
  } else {
    app.setNotFoundHandler((req, reply) => reply.status(404).send(errorBody(new DomainError('NOT_FOUND', 'route_not_found'), localeOf(req))));
  }
  return app;
}
