import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/schema.js';
import { SalesforceAuthError } from '../../../src/errors/salesforce-auth-error.js';
import { connectSalesforce, isLoginRefused } from '../../../src/salesforce/connect.js';

const loginUrl = 'https://dealrisk-test.my.salesforce.com';

const settings: Config['salesforce'] = {
  loginUrl,
  jwtAudience: 'https://login.salesforce.com',
  authFlow: 'client_credentials',
  clientId: 'client-id',
  clientSecret: 'client-secret',
  apiVersion: '62.0',
};

/** The error a client-credentials login throws when the token endpoint answers as given. */
async function loginError(reply: (scope: nock.Interceptor) => nock.Scope): Promise<SalesforceAuthError> {
  reply(nock(loginUrl).post('/services/oauth2/token'));
  const error: unknown = await connectSalesforce(settings).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SalesforceAuthError);
  return error as SalesforceAuthError;
}

describe('connectSalesforce login failures', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it('when Salesforce refuses the client, then the error keeps its OAuth code and counts as refused', async () => {
    const error = await loginError((s) => s.reply(400, { error: 'invalid_client', error_description: 'invalid client credentials' }));
    expect(error.errorCode).toBe('invalid_client');
    expect(isLoginRefused(error)).toBe(true);
    expect(error.message).not.toContain('client-secret');
  });

  it.each([
    ['a network failure', (s: nock.Interceptor) => s.replyWithError('connect ECONNREFUSED')],
    ['a 503 without JSON', (s: nock.Interceptor) => s.reply(503, 'Service Unavailable')],
    ['a 429 without JSON', (s: nock.Interceptor) => s.reply(429, 'Too Many Requests')],
  ])('when the login meets %s, then it is not counted as refused (a retry may get through)', async (_, reply) => {
    expect(isLoginRefused(await loginError(reply))).toBe(false);
  });

  it('when a required setting is missing, then it counts as refused', async () => {
    const error: unknown = await connectSalesforce({ ...settings, authFlow: 'password', username: undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect(isLoginRefused(error as SalesforceAuthError)).toBe(true);
  });
});
