import { LocalOrgError } from '../errors/local-org-error.js';
import { parseApiVersion, type OrgContext } from './context.js';
import { apiError, errorResponse, notFound } from './errors.js';
import { matchOperation, ok, type OpInput, type OpResult, type Operation } from './operations.js';

/** Salesforce's caps: 25 subrequests per composite call, of which at most 5 queries. */
export const MAX_SUBREQUESTS = 25;
const MAX_QUERY_SUBREQUESTS = 5;

const HALTED = [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }];

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

/** A `@{ref.path}` that names no earlier result; the subrequest answers PROCESSING_HALTED. */
class UnresolvedReference extends LocalOrgError {}

function badRequest(message: string): Error {
  return apiError(400, 'INVALID_BATCH_REQUEST', message);
}

function parseSubrequests(body: unknown): { allOrNone: boolean; requests: Subrequest[] } {
  const value = body as { allOrNone?: unknown; compositeRequest?: unknown } | undefined;
  if (!value || typeof value !== 'object' || !Array.isArray(value.compositeRequest)) {
    throw apiError(400, 'JSON_PARSER_ERROR', 'The request body must be {"allOrNone": boolean, "compositeRequest": [...]}');
  }
  if (value.compositeRequest.length > MAX_SUBREQUESTS) throw badRequest(`A composite request can have at most ${MAX_SUBREQUESTS} subrequests`);
  const seen = new Set<string>();
  const requests = value.compositeRequest.map((raw: unknown, index) => {
    const r = raw as Partial<Subrequest> | null;
    if (!r || typeof r.method !== 'string' || typeof r.url !== 'string' || typeof r.referenceId !== 'string') {
      throw badRequest(`Subrequest ${index} needs method, url and referenceId`);
    }
    if (!/^[A-Za-z0-9_]+$/.test(r.referenceId)) throw badRequest(`Invalid referenceId '${r.referenceId}': letters, digits and underscores only`);
    if (seen.has(r.referenceId)) throw badRequest(`Duplicate referenceId '${r.referenceId}'`);
    seen.add(r.referenceId);
    return r as Subrequest;
  });
  const queries = requests.filter((r) => /\/query(All)?(\/|\?|$)/.test(r.url)).length;
  if (queries > MAX_QUERY_SUBREQUESTS) throw badRequest(`A composite request can have at most ${MAX_QUERY_SUBREQUESTS} query subrequests`);
  return { allOrNone: value.allOrNone === true, requests };
}

/** Follows `a.b[0].c` into a response body. */
function lookup(root: unknown, path: string): unknown {
  let current = root;
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[match[1]!] : undefined;
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) {
      current = Array.isArray(current) ? current[Number(index[1])] : undefined;
    }
  }
  return current;
}

const REFERENCE = /@\{([A-Za-z0-9_]+)\.([^}]+)\}/g;

/** Replaces `@{ref.path}` with values from earlier responses (a whole-string reference keeps its type). */
function resolve(value: unknown, done: ReadonlyMap<string, SubResponse>): unknown {
  if (typeof value === 'string') {
    const valueOf = (ref: string, path: string): unknown => {
      const response = done.get(ref);
      const found = response && response.httpStatusCode < 400 ? lookup(response.body, path) : undefined;
      if (found === undefined || found === null) {
        throw new UnresolvedReference(`Invalid reference specified. No value for ${ref}.${path} found in ${ref}. Provided referenceId ids are case-sensitive.`);
      }
      return found;
    };
    const whole = /^@\{([A-Za-z0-9_]+)\.([^}]+)\}$/.exec(value);
    if (whole) return valueOf(whole[1]!, whole[2]!);
    return value.replace(REFERENCE, (_m, ref: string, path: string) => {
      const found = valueOf(ref, path);
      return typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean' ? String(found) : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, done));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, done)]));
  }
  return value;
}

/**
 * `POST /composite`: up to 25 subrequests (5 queries) run in order in one API call, later ones
 * using earlier results through `@{referenceId.path}`. With allOrNone, the first failure rolls
 * every write back and the other subrequests answer PROCESSING_HALTED.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm
 */
export function compositeOperations(org: OrgContext, operations: () => readonly Operation[]): Operation[] {
  const runOne = (request: Subrequest, input: OpInput, done: ReadonlyMap<string, SubResponse>): OpResult => {
    try {
      const url = resolve(request.url, done) as string;
      const body = request.body === undefined ? undefined : resolve(request.body, done);
      const parsed = new URL(url, 'http://composite.local');
      const match = /^\/services\/data\/(v[^/]+)(\/.*)?$/.exec(parsed.pathname);
      const version = match ? parseApiVersion(match[1]!) : undefined;
      const found = match && matchOperation(operations(), request.method, match[2] ?? '/');
      if (!found || version === undefined || found.operation.path === '/composite') throw notFound();
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(request.httpHeaders ?? {})) headers[name.toLowerCase()] = value;
      return found.operation.run({
        params: found.params,
        query: Object.fromEntries(parsed.searchParams),
        body,
        headers,
        apiVersion: version,
        userId: input.userId,
        origin: input.origin,
        loginOrigin: input.loginOrigin,
      });
    } catch (error) {
      if (error instanceof UnresolvedReference) return { status: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: error.message }] };
      const known = errorResponse(error);
      if (known) return { status: known.status, body: known.items };
      throw error;
    }
  };

  return [
    {
      method: 'POST',
      path: '/composite',
      run: (input) => {
        const { allOrNone, requests } = parseSubrequests(input.body);
        const responses = org.store.transaction((rollback) => {
          const done = new Map<string, SubResponse>();
          const out: SubResponse[] = [];
          for (const request of requests) {
            const result = runOne(request, input, done);
            const response: SubResponse = {
              body: result.body ?? null,
              httpHeaders: result.headers ?? {},
              httpStatusCode: result.status,
              referenceId: request.referenceId,
            };
            done.set(request.referenceId, response);
            out.push(response);
            if (allOrNone && result.status >= 400) {
              rollback();
              // Everything else, done or not, is reported as halted; the failure keeps its own error.
              return requests.map((r) =>
                r.referenceId === request.referenceId ? response : { body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: r.referenceId },
              );
            }
          }
          return out;
        });
        return ok({ compositeResponse: responses });
      },
    },
  ];
}
