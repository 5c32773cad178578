import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * Helmet's headers with a CSP both pages we serve live with: the web app (Vite bundles, antd's
 * CSS-in-JS needs inline styles) and Swagger UI at /api/docs (its own scripts, inline styles, data:
 * images). No inline or foreign scripts anywhere; nobody may frame us. HSTS only over our own TLS.
 */
export async function installSecurityHeaders(app: FastifyInstance, opts: { tls: boolean }) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: opts.tls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // the API is same-origin only; nothing of ours is meant to be embedded elsewhere
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
