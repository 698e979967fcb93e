// The Salesforce CLI stores its instance URL with a trailing '/' and joins '/services/…' to it, so
// it calls '//services/…'; Salesforce serves those paths, and so must the local org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';

let org: LocalOrg;
let token: string;
beforeAll(async () => {
  org = await startTestOrg({ dataset: 'empty' });
  token = (await loggedIn(org)).accessToken!;
});
afterAll(async () => {
  await org.stop();
});

describe('local org paths with a doubled leading slash', () => {
  it('when a call starts with //services, then it is served as /services (REST API and OAuth userinfo)', async () => {
    const limits = await fetch(`${org.instanceUrl}//services/data/v62.0/limits`, { headers: { authorization: `Bearer ${token}` } });
    expect(limits.status).toBe(200);
    expect(((await limits.json()) as Record<string, unknown>).DailyApiRequests).toBeDefined();
    const userinfo = await fetch(`${org.instanceUrl}//services/oauth2/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect(userinfo.status).toBe(200);
  });

  it('when a path holds a doubled slash elsewhere, then it is still not found', async () => {
    const response = await fetch(`${org.instanceUrl}/services/data//v62.0/limits`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
  });
});
