import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers of every response (Content-Security-Policy, X-Frame-Options, …) by helmet, whose middleware is
 * built ONCE here: @fastify/helmet built it, parsing the whole policy again, for every request (a few per cent of
 * the server's CPU when recording visits).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { strictTransportSecurity: boolean }): void {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: options.strictTransportSecurity,
  });
  // helmet 8 throws its errors rather than passing them on: `next` only ever continues.
  app.addHook('onRequest', (request, reply, done) => apply(request.raw, reply.raw, () => done()));
}
