/**
 * Where the faults and production limits meet the API: a hook on every `/services/data` call
 * (after it is authenticated and counted), and the local control endpoint `/_local/faults`,
 * which is no Salesforce resource: it lets a test or an operator change the faults while the org runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OrgContext } from '../http/context.js';
import { apiError, invalidSession } from '../http/errors.js';
import { isSetupError } from '../errors/setup-error.js';
import { CONCURRENT_REQUESTS_MESSAGE } from './production-limits.js';
import { faultSettings } from './settings.js';

/** The control endpoint's path: outside `/services`, so no Salesforce client reaches it by accident. */
export const FAULTS_CONTROL_PATH = '/_local/faults';

const QUERY_PATH = /^\/services\/data\/v\d+\.\d\/(?:query|queryAll)(?:[/?]|$)/;

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Adds the faults and the concurrent long-request limit to the versioned API scope. */
export function registerFaultHooks(api: FastifyInstance, org: OrgContext): void {
  api.addHook('onRequest', async (request, reply) => {
    if (org.production.longRequestsFull()) throw apiError(403, 'REQUEST_LIMIT_EXCEEDED', CONCURRENT_REQUESTS_MESSAGE);
    reply.raw.once('close', org.production.begin());
    const { faults } = org;
    if (faults.settings.latencyMs > 0) await sleep(faults.settings.latencyMs);
    if (faults.hits('http503')) throw apiError(503, 'SERVER_UNAVAILABLE', 'Service Unavailable (local org fault http503)');
    if (faults.hits('http500')) {
      throw apiError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: local-fault-http500');
    }
    if (request.orgSession && faults.sessionExpired(request.orgSession)) {
      const token = bearerToken(request);
      if (token) org.sessions.revoke(token);
      throw invalidSession();
    }
    if (faults.settings.slowQueryMs > 0 && QUERY_PATH.test(request.url)) await sleep(faults.settings.slowQueryMs);
  });
}

/** `GET /_local/faults` answers the seed and settings; `PUT` replaces the settings (JSON `{key: value}`). */
export function registerFaultControl(app: FastifyInstance, org: OrgContext): void {
  const state = () => ({ seed: org.faultSeed, faults: org.faults.settings, note: 'local org control endpoint: not a Salesforce resource' });
  app.get(FAULTS_CONTROL_PATH, async () => state());
  app.put(FAULTS_CONTROL_PATH, async (request, reply) => {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return reply.code(400).send({ error: 'the body must be a JSON object of fault settings' });
    try {
      org.faults.set(faultSettings(body as Record<string, unknown>));
    } catch (error) {
      if (isSetupError(error)) return reply.code(400).send({ error: error.message, problems: error.problems });
      throw error;
    }
    return state();
  });
}
