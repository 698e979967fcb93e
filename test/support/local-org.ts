/**
 * The local org as dealrisk's own tests use it, through the package entry only (the package
 * keeps a fuller copy of these helpers for its conformance tests).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jsforce, { type Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '@dealrisk/local-org';
import { bundledSalesforceSourceDir } from '../../src/config/bundled.js';
import type { AuthFlow, Config } from '../../src/config/schema.js';

/** The API version the conformance tests speak (dealrisk's default). */
export const TEST_API_VERSION = '62.0';
/** A fixed "today" so date-dependent data and queries are repeatable. */
const TEST_AS_OF = new Date('2026-03-31T12:00:00.000Z');

/**
 * Starts a local org on an ephemeral loopback port, built from dealrisk's config/salesforce. Defaults: a small demo dataset (40
 * opportunities, seed 7) as of {@link TEST_AS_OF}; pass `dataset: 'empty'` or a DatasetFile for
 * precise scenarios. Stop it in afterAll/afterEach.
 */
export function startTestOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
  return startLocalOrg({ host: '127.0.0.1', port: 0, dataset: 'demo', opportunities: 40, seed: 7, asOf: TEST_AS_OF, sourceDirs: [bundledSalesforceSourceDir()], ...options });
}

/**
 * dealrisk's Salesforce settings for one OAuth flow against the local org, with the URL each flow
 * needs: client credentials at the My Domain (the generic login host refuses it), the others at
 * the generic login host, whose URL is also the JWT audience. Credentials for every flow included.
 */
export function salesforceSettings(org: LocalOrg, authFlow: AuthFlow, extra: Partial<Config['salesforce']> = {}): Config['salesforce'] {
  const c = org.credentials;
  return {
    loginUrl: authFlow === 'client_credentials' ? org.myDomainUrl : org.loginUrl,
    jwtAudience: org.loginUrl,
    apiVersion: TEST_API_VERSION,
    authFlow,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    username: c.username,
    password: c.password,
    ...extra,
  };
}

/** A jsforce connection configured for the org's connected app (not logged in yet). */
function connectionFor(org: LocalOrg, extra: Record<string, unknown> = {}): Connection {
  return new jsforce.Connection({
    loginUrl: org.loginUrl,
    oauth2: { clientId: org.credentials.clientId, clientSecret: org.credentials.clientSecret, loginUrl: org.loginUrl },
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

/** A raw token-endpoint call (form-encoded), for the error cases jsforce hides. */
export async function tokenCall(org: LocalOrg, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${org.loginUrl}/services/oauth2/token`, {
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

/** An RSA key pair for the JWT bearer flow: the public key is the org's "certificate". */
export function jwtKeyPair(): { privateKey: KeyObject; certificatePem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, certificatePem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** The settings a dealrisk process needs to log in to `org` as its integration user (client credentials). */
export function salesforceEnv(org: LocalOrg): Record<string, string> {
  // Client credentials are served on the org's My Domain only, as on Salesforce.
  return { SF_LOGIN_URL: org.myDomainUrl, SF_AUTH_FLOW: 'client_credentials', SF_CLIENT_ID: org.credentials.clientId, SF_CLIENT_SECRET: org.credentials.clientSecret };
}
