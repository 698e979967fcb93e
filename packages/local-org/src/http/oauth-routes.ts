import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LocalOrgError } from '../errors/local-org-error.js';
import { checkJwtAssertion } from '../oauth/jwt.js';
import type { Session } from '../oauth/sessions.js';
import { MAX_API_VERSION, originsOf, parseApiVersion, type OrgContext, type OrgHost, type OrgOrigins } from './context.js';
import { apiError, invalidSession } from './errors.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The generic login URLs Salesforce accepts as a JWT audience: production, and sandboxes. */
const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

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
 * The audiences a JWT bearer assertion may name: the generic login URL (Salesforce's own, and the
 * local org's login host as configured and as this client reaches it), never the My Domain.
 * test.salesforce.com only when the org is a sandbox.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 */
function jwtAudiences(org: OrgContext, origins: OrgOrigins): string[] {
  return [PRODUCTION_LOGIN_URL, ...(org.isSandbox ? [SANDBOX_LOGIN_URL] : []), org.loginUrl, origins.login];
}

/**
 * `POST /services/oauth2/token` (password, refresh_token, client_credentials, JWT bearer),
 * `POST /services/oauth2/revoke`, `GET /services/oauth2/userinfo` and the identity URL, on one
 * of the org's two hosts. The generic login host (as login.salesforce.com) refuses client
 * credentials, which Salesforce serves on the My Domain only
 * (https://help.salesforce.com/s/articleView?id=000886201). Token calls do not count against the
 * API allowance. https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm
 */
export function registerOAuthRoutes(app: FastifyInstance, org: OrgContext, host: OrgHost): void {
  const { credentials } = org;

  const checkClient = (client: { id?: string; secret?: string }, secretRequired: boolean): void => {
    if (client.id !== credentials.clientId) throw new OAuthFailure('invalid_client_id', 'client identifier invalid');
    if ((secretRequired || client.secret !== undefined) && client.secret !== credentials.clientSecret) {
      throw new OAuthFailure('invalid_client', 'invalid client credentials');
    }
  };

  const grant = (params: Record<string, string>, request: FastifyRequest, origins: OrgOrigins): { userId: string; clientId: string; refresh: boolean } => {
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
        // Salesforce's words when client credentials reach login.salesforce.com or test.salesforce.com.
        if (host === 'login') throw new OAuthFailure('invalid_grant', 'request not supported on this domain');
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
          audiences: jwtAudiences(org, origins),
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
    const origins = originsOf(request, org, host);
    try {
      const { userId, clientId, refresh } = grant(params, request, origins);
      // Refreshing a session is no new login; every other grant counts against the hourly allowance.
      if (params.grant_type !== 'refresh_token' && !org.production.tryLogin(userId)) {
        throw new OAuthFailure('invalid_grant', 'LOGIN_RATE_EXCEEDED: too many logins for this user in the last hour');
      }
      const accessToken = org.sessions.issueAccessToken(userId, clientId);
      // The identity URL names the login host, as Salesforce's does; the API lives on the My Domain.
      const id = `${origins.login}/id/${org.orgId}/${userId}`;
      const issuedAt = String(Date.now());
      const signature = createHmac('sha256', credentials.clientSecret).update(id + issuedAt).digest('base64');
      const body: Record<string, string> = {
        access_token: accessToken,
        instance_url: origins.myDomain,
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

  // OpenID Connect userinfo.
  app.get('/services/oauth2/userinfo', async (request) => {
    const session = sessionOf(request, org);
    if (!session) throw invalidSession();
    const identity = identityOf(org, session.userId, originsOf(request, org, host), '{version}');
    return {
      sub: identity.id,
      user_id: session.userId,
      organization_id: org.orgId,
      preferred_username: identity.username,
      nickname: identity.nick_name,
      name: identity.display_name,
      email: identity.email,
      email_verified: true,
      given_name: identity.first_name,
      family_name: identity.last_name,
      zoneinfo: identity.timezone,
      photos: identity.photos,
      profile: identity.urls.profile,
      picture: identity.photos.picture,
      urls: identity.urls,
      active: true,
      user_type: 'STANDARD',
      language: identity.language,
      locale: identity.locale,
      utcOffset: identity.utcOffset,
      updated_at: identity.last_modified_date,
      is_app_installed: true,
    };
  });

  // The identity URL (the token response's `id`); jsforce's identity() reads it with ?oauth_token=.
  app.get('/id/:orgId/:userId', async (request, reply) => {
    const { oauth_token: queryToken, version: versionParam } = request.query as { oauth_token?: string; version?: string };
    const session = queryToken ? org.sessions.session(queryToken) : sessionOf(request, org);
    const { orgId, userId } = request.params as { orgId: string; userId: string };
    if (!session) throw invalidSession();
    if (orgId !== org.orgId || userId !== session.userId) throw apiError(403, 'Bad_Id', 'Bad_Id');
    const version = identityVersion(versionParam);
    if (version === undefined) return reply.code(400).send({ error: 'invalid_request', error_description: 'unknown version' });
    return identityOf(org, userId, originsOf(request, org, host), version);
  });
}

/** `?version=` of the identity URL: absent → the literal `{version}`, `latest` → the newest served, or a served version. */
function identityVersion(param: string | undefined): string | undefined {
  if (param === undefined) return '{version}';
  if (param === 'latest') return `${MAX_API_VERSION}.0`;
  return parseApiVersion(`v${param}`) === undefined ? undefined : param;
}

/** The time zone's offset from UTC in milliseconds at `at` (negative west of Greenwich), as the identity's `utcOffset`. */
function utcOffsetMs(timeZone: string, at: Date): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
    const match = name ? /GMT([+-])(\d{2}):(\d{2})/.exec(name) : null;
    if (!match) return 0;
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
  } catch {
    return 0;
  }
}

/**
 * The identity service's answer for a user: who they are, their photos and every endpoint a real
 * org lists under `urls` (the local org serves rest, sobjects, query and custom_domain; the SOAP,
 * tooling, search, recent and Chatter ones answer 404 here).
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_using_openid.htm
 */
function identityOf(org: OrgContext, userId: string, origins: OrgOrigins, version: string) {
  const user = org.store.byId(userId);
  const text = (field: string): string | null => {
    const value = user?.[field];
    return typeof value === 'string' ? value : null;
  };
  const my = origins.myDomain;
  const data = `${my}/services/data/v${version}`;
  const orgId15 = org.orgId.slice(0, 15);
  return {
    id: `${origins.login}/id/${org.orgId}/${userId}`,
    asserted_user: true,
    user_id: userId,
    organization_id: org.orgId,
    username: text('Username'),
    nick_name: text('Alias'),
    display_name: text('Name'),
    email: text('Email'),
    email_verified: true,
    first_name: text('FirstName'),
    last_name: text('LastName'),
    timezone: text('TimeZoneSidKey'),
    // The default photo (no upload): Salesforce's own path for it, on the org's file host.
    photos: { picture: `${my}/profilephoto/005/F`, thumbnail: `${my}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: {
      enterprise: `${my}/services/Soap/c/${version}/${orgId15}`,
      metadata: `${my}/services/Soap/m/${version}/${orgId15}`,
      partner: `${my}/services/Soap/u/${version}/${orgId15}`,
      rest: `${data}/`,
      sobjects: `${data}/sobjects/`,
      search: `${data}/search/`,
      query: `${data}/query/`,
      recent: `${data}/recent/`,
      tooling_soap: `${my}/services/Soap/T/${version}/${orgId15}`,
      tooling_rest: `${data}/tooling/`,
      profile: `${my}/${userId}`,
      feeds: `${data}/chatter/feeds`,
      groups: `${data}/chatter/groups`,
      users: `${data}/chatter/users`,
      feed_items: `${data}/chatter/feed-items`,
      feed_elements: `${data}/chatter/feed-elements`,
      custom_domain: my,
    },
    active: true,
    user_type: 'STANDARD',
    language: text('LanguageLocaleKey') ?? 'en_US',
    locale: text('LocaleSidKey') ?? 'en_US',
    utcOffset: utcOffsetMs(text('TimeZoneSidKey') ?? 'GMT', org.clock.now()),
    last_modified_date: text('LastModifiedDate'),
    is_app_installed: true,
  };
}

/** The session of a request's `Authorization: Bearer` token, if it is live. */
export function sessionOf(request: FastifyRequest, org: OrgContext): Session | undefined {
  const auth = request.headers.authorization;
  const match = auth ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(auth) : null;
  return match ? org.sessions.session(match[1]!) : undefined;
}

