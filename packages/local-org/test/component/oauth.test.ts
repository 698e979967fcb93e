import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../../src/server.js';
import {
  connectionFor,
  jwtClaims,
  jwtKeyPair,
  loggedIn,
  passwordGrantParams,
  restCall,
  signJwt,
  startTestOrg,
  tokenCall,
} from '../support/local-org.js';

const keys = jwtKeyPair();
let org: LocalOrg;

beforeAll(async () => {
  org = await startTestOrg({ jwtCertificate: keys.certificatePem });
});
afterAll(async () => {
  await org.stop();
});

describe('local org OAuth', () => {
  it('when jsforce logs in with username and password, then it gets a session for the integration user and can query', async () => {
    const conn = connectionFor(org);
    const info = await conn.login(org.credentials.username, org.credentials.password);
    expect(info.organizationId).toBe(org.orgId);
    expect(info.id).toBe(org.userId);
    expect(conn.accessToken).toMatch(new RegExp(`^${org.orgId.slice(0, 15)}!`));
    expect(conn.instanceUrl).toBe(org.instanceUrl);
    const result = await conn.query<{ Username: string }>('SELECT Username FROM User WHERE Id = \'' + org.userId + '\'');
    expect(result.records[0]?.Username).toBe('demo@dealrisk.local');
  });

  it('when the token response is checked, then it carries id, signature and issued_at as Salesforce sends them', async () => {
    const { status, body } = await tokenCall(org, passwordGrantParams(org));
    expect(status).toBe(200);
    // The API is on the My Domain; the identity URL on the login host, as on Salesforce.
    expect(org.instanceUrl).toBe(org.myDomainUrl);
    expect(org.myDomainUrl).not.toBe(org.loginUrl);
    expect(body).toMatchObject({ instance_url: org.myDomainUrl, id: `${org.loginUrl}/id/${org.orgId}/${org.userId}`, token_type: 'Bearer' });
    expect(typeof body.refresh_token).toBe('string');
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', org.credentials.clientSecret).update(String(body.id) + String(body.issued_at)).digest('base64');
    expect(body.signature).toBe(expected);
  });

  it('when jsforce authorizes with client credentials at the My Domain, then it acts as the integration user', async () => {
    const conn = connectionFor(org, {}, 'myDomain');
    const info = await conn.authorize({ grant_type: 'client_credentials' });
    expect(info.id).toBe(org.userId);
    const identity = await conn.identity();
    expect(identity.username).toBe(org.credentials.username);
  });

  it('when client credentials are sent to the generic login host, then invalid_grant "request not supported on this domain"', async () => {
    const params = { grant_type: 'client_credentials', client_id: org.credentials.clientId, client_secret: org.credentials.clientSecret };
    expect(await tokenCall(org, params, 'login')).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'request not supported on this domain' },
    });
    await expect(connectionFor(org, {}, 'login').authorize({ grant_type: 'client_credentials' })).rejects.toMatchObject({ name: 'invalid_grant' });
    expect((await tokenCall(org, params, 'myDomain')).status).toBe(200);
  });

  it('when the password, refresh token and JWT flows log in at either host, then both answer with the My Domain as instance_url', async () => {
    for (const host of ['login', 'myDomain'] as const) {
      const password = await tokenCall(org, passwordGrantParams(org), host);
      expect(password.body).toMatchObject({ instance_url: org.myDomainUrl, id: `${org.loginUrl}/id/${org.orgId}/${org.userId}` });
      const refresh = await tokenCall(
        org,
        { grant_type: 'refresh_token', client_id: org.credentials.clientId, refresh_token: String(password.body.refresh_token) },
        host,
      );
      expect(refresh.status).toBe(200);
      const jwt = await tokenCall(org, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwt(keys.privateKey, jwtClaims(org)) }, host);
      expect(jwt.body).toMatchObject({ instance_url: org.myDomainUrl });
    }
  });

  it('when the REST API is called on the generic login host, then 404: the API lives at the instance URL', async () => {
    const { body } = await tokenCall(org, passwordGrantParams(org));
    const response = await fetch(`${org.loginUrl}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${String(body.access_token)}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('when jsforce authorizes with a JWT signed by the configured key, then it gets a session', async () => {
    const conn = connectionFor(org);
    const assertion = signJwt(keys.privateKey, jwtClaims(org));
    const info = await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    expect(info.organizationId).toBe(org.orgId);
    const result = await conn.query('SELECT COUNT() FROM Opportunity');
    expect(result.totalSize).toBe(40);
  });

  it('when the JWT is expired, for another audience, for another user, or signed by another key, then invalid_grant', async () => {
    const jwt = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const other = jwtKeyPair();
    const cases = [
      signJwt(keys.privateKey, jwtClaims(org, { exp: Math.floor(Date.now() / 1000) - 10 })),
      signJwt(keys.privateKey, jwtClaims(org, { aud: 'https://example.com' })),
      signJwt(keys.privateKey, jwtClaims(org, { sub: 'someone@else.example' })),
      signJwt(other.privateKey, jwtClaims(org)),
    ];
    for (const assertion of cases) {
      const { status, body } = await tokenCall(org, { grant_type: jwt, assertion });
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_grant');
    }
    const wrongIssuer = await tokenCall(org, { grant_type: jwt, assertion: signJwt(keys.privateKey, jwtClaims(org, { iss: 'nope' })) });
    expect(wrongIssuer.body.error).toBe('invalid_client_id');
    const salesforceAudience = await tokenCall(org, {
      grant_type: jwt,
      assertion: signJwt(keys.privateKey, jwtClaims(org, { aud: 'https://login.salesforce.com' })),
    });
    expect(salesforceAudience.status).toBe(200);
  });

  it('when a JWT names the My Domain (or test.salesforce.com on a production org) as audience, then invalid_grant "audience is invalid"', async () => {
    const jwt = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    for (const aud of [org.myDomainUrl, 'https://test.salesforce.com']) {
      for (const host of ['login', 'myDomain'] as const) {
        const { status, body } = await tokenCall(org, { grant_type: jwt, assertion: signJwt(keys.privateKey, jwtClaims(org, { aud })) }, host);
        expect({ aud, host, status, body }).toEqual({ aud, host, status: 400, body: { error: 'invalid_grant', error_description: 'audience is invalid' } });
      }
    }
  });

  it('when the org is a sandbox, then a JWT for test.salesforce.com is accepted', async () => {
    const sandbox = await startTestOrg({
      dataset: { records: { Organization: [{ Name: 'Sandbox Org', OrganizationType: 'Enterprise Edition', IsSandbox: true }] } },
      jwtCertificate: keys.certificatePem,
    });
    try {
      const assertion = signJwt(keys.privateKey, jwtClaims(sandbox, { aud: 'https://test.salesforce.com' }));
      expect((await tokenCall(sandbox, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })).status).toBe(200);
    } finally {
      await sandbox.stop();
    }
  });

  it('when the org has no JWT certificate configured, then a well-signed assertion is still refused', async () => {
    const noCert = await startTestOrg({ dataset: 'empty' });
    try {
      const { status, body } = await tokenCall(noCert, {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: signJwt(keys.privateKey, jwtClaims(noCert)),
      });
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_grant');
    } finally {
      await noCert.stop();
    }
  });

  it('when jsforce connects with a refresh token only, then its first call refreshes the session and emits refresh', async () => {
    const { body } = await tokenCall(org, passwordGrantParams(org));
    const conn = connectionFor(org, { instanceUrl: org.instanceUrl, accessToken: 'stale', refreshToken: body.refresh_token });
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    const result = await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(result.records).toHaveLength(1);
    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).toBe(refreshed[0]);
  });

  it('when every session expires, then calls answer 401 INVALID_SESSION_ID and jsforce refreshes transparently', async () => {
    const { body } = await tokenCall(org, passwordGrantParams(org));
    const accessToken = String(body.access_token);
    const conn = connectionFor(org, { instanceUrl: org.instanceUrl, accessToken, refreshToken: body.refresh_token });
    const refreshes: string[] = [];
    conn.on('refresh', (token: string) => refreshes.push(token));
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(refreshes).toHaveLength(0);

    org.expireSessions();
    const raw = await restCall(org, accessToken, '/limits');
    expect(raw.status).toBe(401);
    expect(raw.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);

    const [a, b] = await Promise.all([conn.query('SELECT Id FROM Account LIMIT 1'), conn.query('SELECT Id FROM Contact LIMIT 1')]);
    expect(a.records).toHaveLength(1);
    expect(b.records).toHaveLength(1);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(conn.accessToken).not.toBe(accessToken);
  });

  it('when tokens outlive their TTL on the org clock, then they are refused', async () => {
    const shortLived = await startTestOrg({ dataset: 'empty', tokenTtlSeconds: 1 });
    try {
      const conn = await loggedIn(shortLived);
      expect((await restCall(shortLived, conn.accessToken ?? '', '/limits')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await restCall(shortLived, conn.accessToken ?? '', '/limits')).status).toBe(401);
    } finally {
      await shortLived.stop();
    }
  });

  it('when credentials are wrong, then the token endpoint answers Salesforce\'s OAuth errors', async () => {
    const base = passwordGrantParams(org);
    expect(await tokenCall(org, { ...base, password: 'wrong' })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authentication failure' },
    });
    expect(await tokenCall(org, { ...base, client_id: 'unknown' })).toEqual({
      status: 400,
      body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    });
    expect(await tokenCall(org, { ...base, client_secret: 'wrong' })).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    });
    expect((await tokenCall(org, { ...base, grant_type: 'authorization_magic' })).body.error).toBe('unsupported_grant_type');
    expect((await tokenCall(org, { grant_type: 'refresh_token', client_id: org.credentials.clientId, refresh_token: 'bogus' })).body.error).toBe(
      'invalid_grant',
    );
  });

  it('when the client authenticates with HTTP Basic and its secret contains a colon, then only the first colon splits id from secret', async () => {
    const colonOrg = await startLocalOrg({ dataset: 'empty', credentials: { clientSecret: 'se:cr:et' } });
    try {
      const basic = (secret: string) => `Basic ${Buffer.from(`${colonOrg.credentials.clientId}:${secret}`).toString('base64')}`;
      const call = (authorization: string) =>
        fetch(`${colonOrg.myDomainUrl}/services/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
          body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        });
      expect((await call(basic('se:cr:et'))).status).toBe(200);
      const wrong = await call(basic('se:cr'));
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
      // A stray '%' is not valid form encoding: refused as a wrong secret, not a server error.
      expect((await call(basic('100%'))).status).toBe(400);
    } finally {
      await colonOrg.stop();
    }
  });

  it('when jsforce logs in with a wrong password, then login rejects with invalid_grant', async () => {
    const conn = connectionFor(org);
    await expect(conn.login(org.credentials.username, 'wrong')).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('when a call has no token or an unknown one, then 401 INVALID_SESSION_ID', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const response = await restCall(org, token, '/sobjects');
      expect(response.status).toBe(401);
      expect(response.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
  });

  it('when a client reaches the org under another host name (a container service name), then instance_url and id use that name', async () => {
    const { request } = await import('node:http');
    const port = new URL(org.myDomainUrl).port;
    const loginPort = new URL(org.loginUrl).port;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: org.credentials.clientId, client_secret: org.credentials.clientSecret }).toString();
    const answer = await new Promise<Record<string, string>>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/services/oauth2/token', method: 'POST', headers: { host: `org:${port}`, 'content-type': 'application/x-www-form-urlencoded' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(JSON.parse(text) as Record<string, string>));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(answer.instance_url).toBe(`http://org:${port}`);
    expect(answer.id).toBe(`http://org:${loginPort}/id/${org.orgId}/${org.userId}`);
  });

  it('when jsforce logs out, then its access token is revoked and refused afterwards', async () => {
    const conn = await loggedIn(org);
    const token = conn.accessToken ?? '';
    expect((await restCall(org, token, '/limits')).status).toBe(200);
    await conn.logout();
    expect((await restCall(org, token, '/limits')).status).toBe(401);
    const again = await fetch(`${org.loginUrl}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(again.status).toBe(400);
  });

  it('when userinfo is asked with a session, then it names the user and org', async () => {
    const conn = await loggedIn(org);
    const response = await restCall(org, conn.accessToken ?? '', '/services/oauth2/userinfo');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user_id: org.userId, organization_id: org.orgId, preferred_username: org.credentials.username });
  });

  it('when jsforce reads the identity, then it has the full urls and photos a real org answers, on both hosts', async () => {
    const conn = await loggedIn(org);
    const identity = (await conn.identity()) as unknown as { id: string; photos: Record<string, string>; urls: Record<string, string> };
    expect(identity.id).toBe(`${org.loginUrl}/id/${org.orgId}/${org.userId}`);
    expect(Object.keys(identity.photos).sort()).toEqual(['picture', 'thumbnail']);
    expect(Object.keys(identity.urls).sort()).toEqual(
      ['custom_domain', 'enterprise', 'feed_elements', 'feed_items', 'feeds', 'groups', 'metadata', 'partner', 'profile', 'query', 'recent', 'rest', 'search', 'sobjects', 'tooling_rest', 'tooling_soap', 'users'].sort(),
    );
    expect(identity.urls).toMatchObject({
      rest: `${org.myDomainUrl}/services/data/v{version}/`,
      sobjects: `${org.myDomainUrl}/services/data/v{version}/sobjects/`,
      custom_domain: org.myDomainUrl,
      partner: `${org.myDomainUrl}/services/Soap/u/{version}/${org.orgId.slice(0, 15)}`,
    });
    // The REST urls it lists are real: `rest` with a version filled in is the resource map.
    const token = conn.accessToken ?? '';
    const versioned = await fetch(`${org.myDomainUrl}/id/${org.orgId}/${org.userId}?version=62.0`, { headers: { authorization: `Bearer ${token}` } });
    const urls = ((await versioned.json()) as { urls: Record<string, string> }).urls;
    expect(urls.rest).toBe(`${org.myDomainUrl}/services/data/v62.0/`);
    const resources = await fetch(urls.rest!, { headers: { authorization: `Bearer ${token}` } });
    expect(resources.status).toBe(200);
    expect(((await resources.json()) as { identity: string }).identity).toBe(identity.id);
    const unknownVersion = await fetch(`${org.loginUrl}/id/${org.orgId}/${org.userId}?version=7.0`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknownVersion.status).toBe(400);
  });
});
