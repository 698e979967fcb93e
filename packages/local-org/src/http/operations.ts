import type { FastifyInstance, FastifyRequest } from 'fastify';
import { originsOf, type OrgContext } from './context.js';

/** What a REST operation sees of a request: already authenticated and counted. */
export interface OpInput {
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The path's API version number, e.g. 62. */
  apiVersion: number;
  /** The session's user, who every write acts as. */
  userId: string;
  /** The My Domain origin the client used (see originsOf), for absolute URLs in answers. */
  origin: string;
  /** The generic login host's origin as the same client reaches it (identity URLs live there). */
  loginOrigin: string;
}

/** An operation's answer; `body` undefined means no content. */
export interface OpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One REST operation under `/services/data/vXX.X`. Operations are synchronous (the store is), so
 * `/composite` can run several inside one store transaction. They throw ApiError/SoqlError to refuse.
 */
export interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path below the version, with `:name` parameters, e.g. `/sobjects/:type/:id`. */
  path: string;
  run(input: OpInput): OpResult;
}

/** 200 with a JSON body. */
export function ok(body: unknown): OpResult {
  return { status: 200, body };
}

function stringRecord(value: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string') out[key] = v;
      else if (Array.isArray(v) && typeof v[0] === 'string') out[key] = v[0];
    }
  }
  return out;
}

/** Registers each operation as a Fastify route of the (versioned, authenticated) API scope. */
export function registerOperations(api: FastifyInstance, operations: readonly Operation[], org: Pick<OrgContext, 'userId' | 'myDomainUrl' | 'loginUrl'>): void {
  for (const operation of operations) {
    api.route({
      method: operation.method,
      url: operation.path,
      handler: async (request: FastifyRequest, reply) => {
        const origins = originsOf(request, org, 'myDomain');
        const result = operation.run({
          params: stringRecord(request.params),
          query: stringRecord(request.query),
          body: request.body,
          headers: stringRecord(request.headers),
          apiVersion: request.apiVersion,
          userId: request.orgSession?.userId ?? org.userId,
          origin: origins.myDomain,
          loginOrigin: origins.login,
        });
        if (result.headers) void reply.headers(result.headers);
        return result.body === undefined ? reply.code(result.status).send() : reply.code(result.status).send(result.body);
      },
    });
  }
}

/**
 * Finds the operation for a method and a path below the version (used by `/composite`). Static
 * segments win over parameters, as in Fastify's router.
 */
export function matchOperation(
  operations: readonly Operation[],
  method: string,
  path: string,
): { operation: Operation; params: Record<string, string> } | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  let best: { operation: Operation; params: Record<string, string>; score: number } | undefined;
  for (const operation of operations) {
    if (operation.method !== method.toUpperCase()) continue;
    const pattern = operation.path.split('/').filter((s) => s !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let score = 0;
    let matches = true;
    for (let i = 0; i < pattern.length && matches; i += 1) {
      const want = pattern[i]!;
      const got = decodeURIComponent(segments[i]!);
      if (want.startsWith(':')) params[want.slice(1)] = got;
      else if (want === got) score += 1;
      else matches = false;
    }
    if (matches && (!best || score > best.score)) best = { operation, params, score };
  }
  return best && { operation: best.operation, params: best.params };
}
