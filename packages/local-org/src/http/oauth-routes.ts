import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LocalOrgError } from '../errors/local-org-error.js';
import { checkJwtAssertion } from '../oauth/jwt.js';
import type { Session } from '../oauth/sessions.js';
import { originOf, type OrgContext } from './context.js';
import { apiError, invalidSession } from './errors.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Audiences a JWT assertion may name besides the org's own URL. */
const SALESFORCE_LOGIN_URLS = ['https://login.salesforce.com', 'https://test.salesforce.com'];

type OAuthError = 'invalid_grant' | 'invalid_client_id' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_request';

/** A refused token request; answered as 400 `{error: errorCode, error_description: message}`. */
class OAuthFailure extends LocalOrgError {
  constructor(
    readonly errorCode: OAuthError,
    description: string,
  ) {
    super(description);
  }
}

function form(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
    return out;
  }
  return {};
}

/** RFC 6749 form-encodes id and secret before Basic; a stray '%' is kept as sent (and fails the check) rather than throwing. */
function formDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** client_id/client_secret from the form, or from an HTTP Basic header (also accepted by Salesforce). */
function clientOf(request: FastifyRequest, params: Record<string, string>): { id?: string; secret?: string } {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    // Only the first ':' separates id and secret (RFC 7617): a secret may contain more of them.
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const id = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? '' : decoded.slice(colon + 1);
    return { id: id ? formDecoded(id) : undefined, secret: secret ? formDecoded(secret) : undefined };
  }
  return { id: params.client_id, secret: params.client_secret };
}

/**
 * `POST /services/oauth2/token` (password, refresh_token, client_credentials, JWT bearer) and
 * `GET /services/oauth2/userinfo`. Token calls do not count against the API allowance.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm
 */
export function registerOAuthRoutes(app: FastifyInstance, org: OrgContext): void {
  const { credentials } = org;

  const checkClient = (client: { id?: string; secret?: string }, secretRequired: boolean): void => {
    if (client.id !== credentials.clientId) throw new OAuthFailure('invalid_client_id', 'client identifier invalid');
    if ((secretRequired || client.secret !== undefined) && client.secret !== credentials.clientSecret) {
      throw new OAuthFailure('invalid_client', 'invalid client credentials');
    }
  };

  const grant = (params: Record<string, string>, request: FastifyRequest): { userId: string; clientId: string; refresh: boolean } => {
    const client = clientOf(request, params);
    switch (params.grant_type) {
      case 'password': {
        checkClient(client, true);
        if (params.username?.toLowerCase() !== credentials.username.toLowerCase() || params.password !== credentials.password) {
          throw new OAuthFailure('invalid_grant', 'authentication failure');
        }
        return { userId: org.userId, clientId: credentials.clientId, refresh: true };
      }
      case 'client_credentials': {
        checkClient(client, true);
        return { userId: org.userId, clientId: credentials.clientId, refresh: false };
      }
      case 'refresh_token': {
        checkClient(client, false);
        const found = params.refresh_token ? org.sessions.refreshGrant(params.refresh_token) : undefined;
        if (!found) throw new OAuthFailure('invalid_grant', 'expired access/refresh token');
        return { userId: found.userId, clientId: found.clientId, refresh: false };
      }
      case JWT_BEARER: {
        if (client.id !== undefined || client.secret !== undefined) checkClient(client, false);
        const refusal = checkJwtAssertion(params.assertion ?? '', org.jwtKey, {
          clientId: credentials.clientId,
          username: credentials.username,
          audiences: [...SALESFORCE_LOGIN_URLS, org.baseUrl, originOf(request, org)],
          // The client signs `exp` with its own (real) clock, so compare with the real clock,
          // not the org clock (which --as-of may have moved).
          nowMs: Date.now(),
        });
        if (refusal) throw new OAuthFailure(refusal.error, refusal.description);
        return { userId: org.userId, clientId: credentials.clientId, refresh: false };
      }
      default:
        throw new OAuthFailure('unsupported_grant_type', 'grant type not supported');
    }
  };

  app.post('/services/oauth2/token', async (request, reply) => {
    const params = form(request);
    try {
      const { userId, clientId, refresh } = grant(params, request);
      const accessToken = org.sessions.issueAccessToken(userId, clientId);
      const origin = originOf(request, org);
      const id = `${origin}/id/${org.orgId}/${userId}`;
      const issuedAt = String(Date.now());
      const signature = createHmac('sha256', credentials.clientSecret).update(id + issuedAt).digest('base64');
      const body: Record<string, string> = {
        access_token: accessToken,
        instance_url: origin,
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
        signature,
        scope: refresh ? 'refresh_token api' : 'api',
      };
      // Real orgs issue no refresh token to the username-password flow; the local org does, because
      // it has no web-server flow and tests need a way to exercise refresh_token logins.
      if (refresh) body.refresh_token = org.sessions.issueRefreshToken(userId, clientId);
      return reply.header('cache-control', 'no-cache, no-store').send(body);
    } catch (error) {
      if (error instanceof OAuthFailure) {
        return reply.code(400).send({ error: error.errorCode, error_description: error.message });
      }
      throw error;
    }
  });

  // Token revocation (jsforce's logout()); form `token=`, or `?token=` as Salesforce also accepts.
  app.post('/services/oauth2/revoke', async (request, reply) => {
    const token = form(request).token ?? (request.query as { token?: string }).token;
    if (!token || !org.sessions.revoke(token)) {
      return reply.code(400).send({ error: 'unsupported_token_type', error_description: 'this token type is not supported' });
    }
    return reply.code(200).send();
  });

  /** The user row's text field, or null. */
  const text = (userId: string, field: string): string | null => {
    const value = org.store.byId(userId)?.[field];
    return typeof value === 'string' ? value : null;
  };
  const restUrls = (origin: string, version: string) => ({
    rest: `${origin}/services/data/v${version}/`,
    sobjects: `${origin}/services/data/v${version}/sobjects/`,
    query: `${origin}/services/data/v${version}/query/`,
  });

  // OpenID Connect userinfo.
  app.get('/services/oauth2/userinfo', async (request) => {
    const session = sessionOf(request, org);
    if (!session) throw invalidSession();
    return {
      sub: `${originOf(request, org)}/id/${org.orgId}/${session.userId}`,
      user_id: session.userId,
      organization_id: org.orgId,
      preferred_username: text(session.userId, 'Username'),
      name: text(session.userId, 'Name'),
      given_name: text(session.userId, 'FirstName'),
      family_name: text(session.userId, 'LastName'),
      email: text(session.userId, 'Email'),
      email_verified: true,
      active: true,
      user_type: 'STANDARD',
      urls: restUrls(originOf(request, org), '{version}'),
    };
  });

  // The identity URL (the token response's `id`); jsforce's identity() reads it with ?oauth_token=.
  app.get('/id/:orgId/:userId', async (request) => {
    const { oauth_token: queryToken } = request.query as { oauth_token?: string };
    const session = queryToken ? org.sessions.session(queryToken) : sessionOf(request, org);
    const { orgId, userId } = request.params as { orgId: string; userId: string };
    if (!session) throw invalidSession();
    if (orgId !== org.orgId || userId !== session.userId) throw apiError(403, 'Bad_Id', 'Bad_Id');
    return {
      id: `${originOf(request, org)}/id/${org.orgId}/${userId}`,
      asserted_user: true,
      user_id: userId,
      organization_id: org.orgId,
      username: text(userId, 'Username'),
      nick_name: text(userId, 'Alias'),
      display_name: text(userId, 'Name'),
      email: text(userId, 'Email'),
      email_verified: true,
      first_name: text(userId, 'FirstName'),
      last_name: text(userId, 'LastName'),
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: restUrls(originOf(request, org), '{version}'),
    };
  });
}

/** The session of a request's `Authorization: Bearer` token, if it is live. */
export function sessionOf(request: FastifyRequest, org: OrgContext): Session | undefined {
  const auth = request.headers.authorization;
  const match = auth ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(auth) : null;
  return match ? org.sessions.session(match[1]!) : undefined;
}

