import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import type { LocalOrg } from '@dealrisk/local-org';
import { SalesforceAuthError } from '../../src/errors/salesforce-auth-error.js';
import { connectSalesforce } from '../../src/salesforce/connect.js';
import { jwtKeyPair, passwordGrantParams, salesforceSettings, startTestOrg, tokenCall } from '../support/local-org.js';

const keys = jwtKeyPair();
let org: LocalOrg;
let privateKeyFile: string;
let refreshToken: string;

beforeAll(async () => {
  org = await startTestOrg({ dataset: 'empty', jwtCertificate: keys.certificatePem });
  privateKeyFile = join(mkdtempSync(join(tmpdir(), 'dealrisk-key-')), 'server.key');
  writeFileSync(privateKeyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  refreshToken = String((await tokenCall(org, passwordGrantParams(org))).body.refresh_token);
});
afterAll(async () => {
  await org.stop();
});

function settings(flow: NonNullable<Config['salesforce']['authFlow']>): Config['salesforce'] {
  return salesforceSettings(org, flow, { privateKeyFile, refreshToken });
}

describe('connectSalesforce against the local org', () => {
  it.each(['jwt', 'client_credentials', 'password', 'refresh_token'] as const)(
    'when the %s flow logs in and every session later expires, then queries keep working on a renewed session',
    async (flow) => {
      const conn = await connectSalesforce(settings(flow));
      const before = await conn.query<{ Username: string }>('SELECT Username FROM User');
      expect(before.records.map((u) => u.Username)).toContain(org.credentials.username);
      const firstToken = conn.accessToken;

      org.expireSessions();
      const after = await conn.query('SELECT COUNT() FROM User');
      expect(after.totalSize).toBe(before.totalSize);
      expect(conn.accessToken).not.toBe(firstToken);
    },
  );

  it('when a session is given as an access token, then it is used as is', async () => {
    const token = String((await tokenCall(org, passwordGrantParams(org))).body.access_token);
    const conn = await connectSalesforce(salesforceSettings(org, 'access_token', { accessToken: token, instanceUrl: org.instanceUrl }));
    expect((await conn.query('SELECT COUNT() FROM User')).totalSize).toBeGreaterThan(0);
  });

  it('when the JWT is signed by a key the connected app does not know, then the login fails with invalid_grant', async () => {
    const other = jwtKeyPair();
    const otherKeyFile = join(mkdtempSync(join(tmpdir(), 'dealrisk-key-')), 'other.key');
    writeFileSync(otherKeyFile, other.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const error: unknown = await connectSalesforce({ ...settings('jwt'), privateKeyFile: otherKeyFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect((error as SalesforceAuthError).errorCode).toBe('invalid_grant');
  });

  it('when client credentials are sent to the generic login host, then the login fails with invalid_grant and says the My Domain URL is needed', async () => {
    const error: unknown = await connectSalesforce({ ...settings('client_credentials'), loginUrl: org.loginUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect((error as SalesforceAuthError).errorCode).toBe('invalid_grant');
    expect((error as SalesforceAuthError).message).toContain('request not supported on this domain');
    expect((error as SalesforceAuthError).message).toContain('My Domain');
  });

  it('when the JWT names the My Domain as its audience, then the login fails with invalid_grant', async () => {
    const error: unknown = await connectSalesforce({ ...settings('jwt'), jwtAudience: org.myDomainUrl }).catch((e: unknown) => e);
    expect((error as SalesforceAuthError).errorCode).toBe('invalid_grant');
    expect((error as SalesforceAuthError).message).toContain('audience is invalid');
  });

  it('when the JWT is posted to the My Domain with the default audience (https://login.salesforce.com), then the login works', async () => {
    const conn = await connectSalesforce({ ...settings('jwt'), loginUrl: org.myDomainUrl, jwtAudience: 'https://login.salesforce.com' });
    expect((await conn.query('SELECT COUNT() FROM User')).totalSize).toBeGreaterThan(0);
  });
});
