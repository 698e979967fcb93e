import { describe, expect, it } from 'vitest';
import type { AuthFlow, Config } from '../../../src/config/schema.js';
import { isLoginRefused } from '../../../src/salesforce/connect.js';
import { loginFailure } from '../../../src/salesforce/login-failure.js';

const settings = (authFlow: AuthFlow): Config['salesforce'] => ({
  loginUrl: 'https://acme.my.salesforce.com',
  jwtAudience: 'https://login.salesforce.com',
  authFlow,
  clientId: 'client-id',
  clientSecret: 'client-secret',
  password: 'hunter2',
  apiVersion: '62.0',
});

/** An error as jsforce throws it for an OAuth error body: named after `error`, `error_description` as message. */
const oauthError = (code: string, description: string): Error => Object.assign(new Error(description), { name: code });

describe('loginFailure', () => {
  it.each<[string, AuthFlow, Error, RegExp]>([
    ['a wrong password', 'password', oauthError('invalid_grant', 'authentication failure'), /check SF_USERNAME and SF_PASSWORD \(with the security token/],
    ['an unknown consumer key', 'client_credentials', oauthError('invalid_client_id', 'client identifier invalid'), /check SF_CLIENT_ID \(/],
    ['a wrong consumer secret', 'client_credentials', oauthError('invalid_client', 'invalid client credentials'), /check SF_CLIENT_ID and SF_CLIENT_SECRET\.$/],
    ['client credentials on the shared login host', 'client_credentials', oauthError('invalid_grant', 'request not supported on this domain'), /check SF_LOGIN_URL \(it must be the org's My Domain\)/],
    ['a JWT the app does not accept', 'jwt', oauthError('invalid_grant', 'user hasn\'t approved this consumer'), /check SF_USERNAME and SF_PRIVATE_KEY_FILE/],
    ['a JWT for a My Domain audience', 'jwt', oauthError('invalid_grant', 'audience is invalid'), /and SF_JWT_AUDIENCE \(the generic login URL, never a My Domain\)/],
    ['a revoked refresh token', 'refresh_token', oauthError('invalid_grant', 'expired access/refresh token'), /check SF_REFRESH_TOKEN/],
    ['a flow the app does not allow', 'password', oauthError('unsupported_grant_type', 'grant type not supported'), /check SF_AUTH_FLOW/],
    ['a missing key file', 'jwt', Object.assign(new Error("ENOENT: no such file or directory, open '/keys/x.key'"), { code: 'ENOENT' }), /failed: ENOENT: no such file.*; check SF_PRIVATE_KEY_FILE \(no such file\)\.$/],
    ['a login URL that is not Salesforce (HTTP 404)', 'client_credentials', oauthError('ERROR_HTTP_404', 'Not Found'), /check SF_LOGIN_URL \(https:\/\/login\.salesforce\.com/],
    ['an answer without an OAuth error', 'client_credentials', Object.assign(new Error(''), { name: undefined }), /UNEXPECTED_LOGIN_RESPONSE: the login host did not answer like Salesforce; check SF_LOGIN_URL/],
  ])('when the login fails with %s, then the message names the settings to check and the login counts as refused', (_, flow, cause, advice) => {
    const error = loginFailure(settings(flow), cause);
    expect(error.message).toMatch(new RegExp(`^Salesforce login \\(${flow} flow at https://acme\\.my\\.salesforce\\.com\\) failed: `));
    expect(error.message).toMatch(advice);
    expect(error.cause).toBe(cause);
    expect(isLoginRefused(error)).toBe(true);
    expect(error.message).not.toMatch(/hunter2|client-secret/);
  });

  it.each<[string, Error, RegExp]>([
    ['a host that does not answer', Object.assign(new Error('request to https://acme.my.salesforce.com/services/oauth2/token failed, reason: connect ECONNREFUSED'), { name: 'FetchError' }), /the login host did not answer: check SF_LOGIN_URL and the network\.$/],
    ['a Salesforce outage', oauthError('ERROR_HTTP_503', 'Service Unavailable'), /Salesforce's login service failed on its side: try again later\.$/],
  ])('when the login meets %s, then the message says so and the login does not count as refused', (_, cause, advice) => {
    const error = loginFailure(settings('client_credentials'), cause);
    expect(error.message).toMatch(advice);
    expect(isLoginRefused(error)).toBe(false);
  });
});
