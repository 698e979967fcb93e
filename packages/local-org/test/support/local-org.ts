import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import jsforce, { type Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/server.js';

/** The API version the conformance tests speak (dealrisk's default). */
export const TEST_API_VERSION = '62.0';
/** A fixed "today" so date-dependent data and queries are repeatable. */
export const TEST_AS_OF = new Date('2026-03-31T12:00:00.000Z');

import { TEST_SOURCE_DIR } from './test-schema.js';

export { TEST_SOURCE_DIR };

/**
 * Starts a local org on an ephemeral loopback port, built from {@link TEST_SOURCE_DIR}. Defaults: a small demo dataset (40
 * opportunities, seed 7) as of {@link TEST_AS_OF}; pass `dataset: 'empty'` or a DatasetFile for
 * precise scenarios. Stop it in afterAll/afterEach.
 */
export function startTestOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
  return startLocalOrg({ host: '127.0.0.1', port: 0, dataset: 'demo', opportunities: 40, seed: 7, asOf: TEST_AS_OF, sourceDirs: [TEST_SOURCE_DIR], ...options });
}

/** Which of the org's hosts a client logs in at: the generic login host, or the My Domain (client credentials needs it). */
export type LoginHost = 'login' | 'myDomain';

/** The URL of one of the org's two hosts. */
export function hostUrl(org: LocalOrg, host: LoginHost): string {
  return host === 'login' ? org.loginUrl : org.myDomainUrl;
}

/** A jsforce connection configured for the org's connected app (not logged in yet), logging in at `host`. */
export function connectionFor(org: LocalOrg, extra: Record<string, unknown> = {}, host: LoginHost = 'login'): Connection {
  const loginUrl = hostUrl(org, host);
  return new jsforce.Connection({
    loginUrl,
    oauth2: { clientId: org.credentials.clientId, clientSecret: org.credentials.clientSecret, loginUrl },
    version: TEST_API_VERSION,
    ...extra,
  });
}

/** A jsforce connection logged in through the username-password flow. */
export async function loggedIn(org: LocalOrg): Promise<Connection> {
  const conn = connectionFor(org);
  await conn.login(org.credentials.username, org.credentials.password);
  return conn;
}

/** A raw token-endpoint call (form-encoded) at `host`, for the error cases jsforce hides. */
export async function tokenCall(
  org: LocalOrg,
  params: Record<string, string>,
  host: LoginHost = 'login',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${hostUrl(org, host)}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The form of a username-password token request with the org's own credentials (the flow that also returns a refresh token). */
export function passwordGrantParams(org: LocalOrg): Record<string, string> {
  const c = org.credentials;
  return { grant_type: 'password', client_id: c.clientId, client_secret: c.clientSecret, username: c.username, password: c.password };
}

/** A raw REST call under `/services/data/v62.0`, answering status, headers and parsed JSON (or null). */
export async function restCall(
  org: LocalOrg,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const url = path.startsWith('/services/') ? `${org.instanceUrl}${path}` : `${org.instanceUrl}/services/data/v${TEST_API_VERSION}${path}`;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

/** An RSA key pair for the JWT bearer flow: the public key is the org's "certificate". */
export function jwtKeyPair(): { privateKey: KeyObject; certificatePem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, certificatePem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** Signs an RS256 JWT bearer assertion (jsforce has no signer). */
export function signJwt(privateKey: KeyObject, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), privateKey).toString('base64url')}`;
}

/** Standard claims for the org's integration user, valid for three minutes. */
export function jwtClaims(org: LocalOrg, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: org.credentials.clientId, sub: org.credentials.username, aud: org.loginUrl, exp: Math.floor(Date.now() / 1000) + 180, ...overrides };
}
