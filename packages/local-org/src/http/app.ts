import { createServer } from 'node:http';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Session } from '../oauth/sessions.js';
import { registerFaultControl, registerFaultHooks } from '../faults/fault-hooks.js';
import { registerBulkRoutes } from './bulk-routes.js';
import { collectionOperations } from './collection-routes.js';
import { parseApiVersion, type OrgContext } from './context.js';
import { apiError, errorResponse, invalidSession, notFound } from './errors.js';
import { registerOAuthRoutes, sessionOf } from './oauth-routes.js';
import { compositeOperations } from './composite-routes.js';
import { listViewOperations } from './list-view-routes.js';
import { registerOperations, type Operation } from './operations.js';
import { queryOperations } from './query-routes.js';
import { oversizedRequest } from './request-size.js';
import { restOperations, versionList } from './rest-routes.js';
import { sobjectOperations } from './sobject-routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's OAuth session (set for every `/services/data/vXX.X/…` call). */
    orgSession: Session | null;
    /** The API version number of the path, e.g. 62. */
    apiVersion: number;
  }
}

/** Node's own header limit stays far above Salesforce's, so oversized heads get Salesforce's answer (request-size.ts). */
const MAX_HEADER_BYTES = 512 * 1024;

/**
 * Fastify with what both of the org's hosts share: body parsers answering Salesforce's errors,
 * the error and not-found handlers, and path-only request logs.
 */
function baseApp(logger: Logger | undefined): FastifyInstance {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // Fastify's request logs carry the full URL: query strings hold SOQL (customer data) and the
    // identity URL an oauth_token. The onResponse hook below logs the path only.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    // The Salesforce CLI joins its instance URL (stored with a trailing '/') and '/services/…'
    // into '//services/…', which Salesforce serves: collapse leading slashes before routing.
    rewriteUrl: (request) => (request.url ?? '/').replace(/^\/{2,}/, '/'),
    bodyLimit: 50 * 1024 * 1024,
    serverFactory: (handler) => createServer({ maxHeaderSize: MAX_HEADER_BYTES }, handler),
  }) as unknown as FastifyInstance; // a pino logger instance narrows the logger type; routes only need the base one

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });
  // Salesforce answers a body that is not JSON with JSON_PARSER_ERROR; an empty body is no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(apiError(400, 'JSON_PARSER_ERROR', `Unexpected character in the request body: ${(error as Error).message}`), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = errorResponse(error);
    if (known) return reply.code(known.status).send(known.items);
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const errorCode = error.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : error.statusCode === 413 ? 'REQUEST_TOO_LARGE' : 'JSON_PARSER_ERROR';
      return reply.code(error.statusCode).send([{ message: error.message, errorCode }]);
    }
    request.log.error({ err: error }, 'local org: unexpected error');
    return reply.code(500).send([{ message: 'An unexpected error occurred. Please include this ErrorId if you contact support: local', errorCode: 'UNKNOWN_EXCEPTION' }]);
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(notFound().items));

  // Before routing, authentication and counting: Salesforce refuses an oversized head first.
  app.addHook('onRequest', async (request, reply) => {
    const oversized = oversizedRequest(request.raw);
    if (oversized) return reply.code(oversized.status).type('text/plain; charset=utf-8').send(oversized.message);
    return undefined;
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, path: request.url.split('?')[0], statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'local org request');
  });
  return app;
}

/**
 * The org's My Domain (its instance URL): OAuth at `/services/oauth2/*` and the identity URL, the
 * REST API at `/services/data/vXX.X/*` (authenticated, counted, `Sforce-Limit-Info` on every response).
 */
export function buildLocalOrgApp(org: OrgContext, logger?: Logger): FastifyInstance {
  const app = baseApp(logger);
  app.decorateRequest('orgSession', null);
  app.decorateRequest('apiVersion', 0);

  registerOAuthRoutes(app, org, 'myDomain');
  registerFaultControl(app, org);
  // The versions list needs no session and, as on Salesforce, does not count against the allowance.
  app.get('/services/data', async () => versionList());

  void app.register(
    async (api) => {
      api.addHook('onRequest', async (request) => {
        const segment = (request.params as { version?: string }).version ?? '';
        const version = parseApiVersion(segment);
        if (version === undefined) throw notFound();
        request.apiVersion = version;
        const session = sessionOf(request, org);
        if (!session) throw invalidSession();
        request.orgSession = session;
        if (org.faults.overApiLimit(org.usage.requests) || !org.usage.tryCount()) throw apiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
      });
      registerFaultHooks(api, org);
      api.addHook('onSend', async (_request, reply, payload) => {
        reply.header('Sforce-Limit-Info', org.usage.header());
        return payload;
      });
      api.setNotFoundHandler((_request, reply) => reply.code(404).send(notFound().items));
      const operations: Operation[] = [...restOperations(org), ...queryOperations(org), ...sobjectOperations(org), ...listViewOperations(org), ...collectionOperations(org)];
      operations.push(...compositeOperations(org, () => operations));
      registerOperations(api, operations, org);
      registerBulkRoutes(api, org);
    },
    { prefix: '/services/data/:version' },
  );
  return app;
}

/**
 * The org's generic login host (what login.salesforce.com is to a real org): OAuth and the
 * identity URL only. The REST API answers 404 here, as clients must use the `instance_url`.
 */
export function buildLoginHostApp(org: OrgContext, logger?: Logger): FastifyInstance {
  const app = baseApp(logger);
  registerOAuthRoutes(app, org, 'login');
  return app;
}
