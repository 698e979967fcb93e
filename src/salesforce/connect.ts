import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jsforce, { type Connection, type ConnectionConfig } from 'jsforce';
import { DEFAULT_LOGIN_TIMEOUT_SECONDS, type Config } from '../config/schema.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { tapConnection, type ResponseObserver } from './http-tap.js';
import { loginFailure, NOT_REACHED, SALESFORCE_SIDE } from './login-failure.js';

type SalesforceConfig = Config['salesforce'];

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/**
 * A JWT bearer assertion signed RS256 with the connected app's key (jsforce has no signer).
 * `aud` is the login host Salesforce expects; `exp` a few minutes ahead.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 */
function signJwtAssertion(options: {
  clientId: string;
  username: string;
  audience: string;
  privateKeyPem: string;
  nowSeconds: number;
}): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({ iss: options.clientId, sub: options.username, aud: options.audience, exp: options.nowSeconds + 180 }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(options.privateKeyPem);
  return `${header}.${claims}.${base64url(signature)}`;
}

/**
 * Whether Salesforce answered and refused the login (bad or missing credentials, a blocked app or
 * user), which no retry fixes. False when it was not reached or failed on its side (HTTP 5xx, 429):
 * a later attempt may get through. jsforce names OAuth errors after their `error` code, or
 * `ERROR_HTTP_<status>` when the body is not JSON.
 */
export function isLoginRefused(error: SalesforceAuthError): boolean {
  return !NOT_REACHED.has(error.errorCode) && !SALESFORCE_SIDE.test(error.errorCode);
}

function required(value: string | undefined, key: string): string {
  // The config schema already demands these per flow; this guards direct callers.
  if (!value) throw new SalesforceAuthError(`${key} is required for this auth flow`, 'MISSING_SETTING');
  return value;
}

export interface ConnectOptions {
  /** Sees every HTTP response of the connection, the login's included (e.g. to read `Sforce-Limit-Info`). */
  onResponse?: ResponseObserver | undefined;
  /** The clock a JWT assertion's expiry is counted from, in seconds. */
  nowSeconds?: () => number;
}

/**
 * Opens a jsforce connection with the configured OAuth flow. Every flow can renew its own
 * session: jsforce retries a request once after a 401, through `refreshFn` (JWT and client
 * credentials have no refresh token, so they re-authorize).
 */
export async function connectSalesforce(sf: SalesforceConfig, options: ConnectOptions = {}): Promise<Connection> {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const oauth2 = { clientId: sf.clientId, clientSecret: sf.clientSecret, loginUrl: sf.loginUrl };
  const base = { loginUrl: sf.loginUrl, version: sf.apiVersion };
  const open = (config: ConnectionConfig): Connection => {
    const conn = new jsforce.Connection(config);
    tapConnection(conn, { onResponse: options.onResponse, loginTimeoutMs: sf.loginTimeoutMs ?? DEFAULT_LOGIN_TIMEOUT_SECONDS * 1000 });
    return conn;
  };
  try {
    switch (sf.authFlow) {
      case 'password': {
        const conn = open({ ...base, oauth2 });
        await conn.login(required(sf.username, 'SF_USERNAME'), required(sf.password, 'SF_PASSWORD'));
        return conn;
      }
      case 'refresh_token': {
        const conn = open({ ...base, oauth2, refreshToken: required(sf.refreshToken, 'SF_REFRESH_TOKEN') });
        const token = await conn.oauth2.refreshToken(conn.refreshToken!);
        conn._establish({ accessToken: token.access_token, instanceUrl: token.instance_url });
        return conn;
      }
      case 'access_token':
        return open({
          ...base,
          accessToken: required(sf.accessToken, 'SF_ACCESS_TOKEN'),
          instanceUrl: required(sf.instanceUrl, 'SF_INSTANCE_URL'),
        });
      case 'client_credentials':
      case 'jwt': {
        const grant = (): Record<string, string> & { grant_type: string } =>
          sf.authFlow === 'jwt'
            ? {
                grant_type: JWT_GRANT,
                assertion: signJwtAssertion({
                  clientId: required(sf.clientId, 'SF_CLIENT_ID'),
                  username: required(sf.username, 'SF_USERNAME'),
                  audience: sf.jwtAudience,
                  privateKeyPem: readFileSync(required(sf.privateKeyFile, 'SF_PRIVATE_KEY_FILE'), 'utf8'),
                  nowSeconds: nowSeconds(),
                }),
              }
            : { grant_type: 'client_credentials' };
        const conn: Connection = open({
          ...base,
          oauth2,
          refreshFn: (c, callback) => {
            c.authorize(grant()).then(
              () => {
                callback(undefined, c.accessToken ?? undefined);
              },
              (error: Error) => {
                callback(error);
              },
            );
          },
        });
        await conn.authorize(grant());
        return conn;
      }
      case undefined:
        throw new SalesforceAuthError('SF_AUTH_FLOW is not set: choose jwt, client_credentials, refresh_token, password or access_token', 'MISSING_SETTING');
    }
  } catch (error) {
    if (error instanceof SalesforceAuthError) throw error;
    throw loginFailure(sf, error);
  }
}
