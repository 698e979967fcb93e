import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { loggedIn, restCall, startTestOrg } from '../support/local-org.js';

describe('local org versions, limits and usage', () => {
  let org: LocalOrg;
  beforeAll(async () => {
    org = await startTestOrg({ dataset: 'empty' });
  });
  afterAll(async () => {
    await org.stop();
  });

  it('when the versions list is asked without a session, then 42.0 to 64.0 are listed and nothing is counted', async () => {
    const before = org.apiUsage().used;
    const response = await restCall(org, undefined, '/services/data');
    expect(response.status).toBe(200);
    const versions = (response.body as { version: string; url: string; label: string }[]).map((v) => v.version);
    expect(versions[0]).toBe('42.0');
    expect(versions.at(-1)).toBe('64.0');
    expect(versions).toHaveLength(23);
    expect(response.body).toContainEqual({ label: "Summer '25", url: '/services/data/v64.0', version: '64.0' });
    expect(org.apiUsage().used).toBe(before);
  });

  it('when limits are read before and after N calls, then DailyApiRequests.Remaining drops by exactly N + 1 (the second limits call)', async () => {
    const conn = await loggedIn(org);
    const first = await conn.limits();
    await conn.query('SELECT Id FROM Account');
    await conn.describe('Account');
    await conn.describeGlobal();
    const second = await conn.limits();
    expect(first.DailyApiRequests!.Max).toBe(100_000);
    expect(first.DailyApiRequests!.Remaining - second.DailyApiRequests!.Remaining).toBe(4);
    expect(second.DailyApiRequests!.Remaining).toBe(100_000 - org.apiUsage().used);
    expect(conn.limitInfo.apiUsage).toEqual({ used: org.apiUsage().used, limit: 100_000 });
    for (const name of ['DailyBulkApiBatches', 'DailyBulkV2QueryJobs', 'DailyBulkV2QueryFileStorageMB']) {
      expect(second).toHaveProperty(name);
    }
  });

  it('when any API call answers, then Sforce-Limit-Info carries api-usage, errors included', async () => {
    const conn = await loggedIn(org);
    const ok = await restCall(org, conn.accessToken ?? '', '/sobjects');
    expect(ok.headers.get('sforce-limit-info')).toBe(`api-usage=${org.apiUsage().used}/100000`);
    const bad = await restCall(org, conn.accessToken ?? '', `/query?q=${encodeURIComponent('SELECT Nope FROM Account')}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('sforce-limit-info')).toBe(`api-usage=${org.apiUsage().used}/100000`);
  });

  it('when a version is unsupported or a path unknown, then 404 NOT_FOUND', async () => {
    const conn = await loggedIn(org);
    const token = conn.accessToken ?? '';
    for (const path of ['/services/data/v41.0/limits', '/services/data/v65.0/limits', '/services/data/v62.0/nothing/here', '/services/nothing']) {
      const response = await restCall(org, token, path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    }
    const resources = await restCall(org, token, '/services/data/v62.0');
    expect(resources.body).toMatchObject({ query: '/services/data/v62.0/query', sobjects: '/services/data/v62.0/sobjects' });
  });
});

describe('local org daily API limit', () => {
  it('when the allowance is spent, then calls answer 403 REQUEST_LIMIT_EXCEEDED and token calls still work', async () => {
    const org = await startTestOrg({ dataset: 'empty', apiLimit: 3 });
    try {
      const conn = await loggedIn(org);
      for (let i = 0; i < 3; i += 1) await conn.query('SELECT Id FROM Account');
      await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
      const raw = await restCall(org, conn.accessToken ?? '', '/limits');
      expect(raw.status).toBe(403);
      expect(raw.body).toEqual([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
      await expect(loggedIn(org)).resolves.toBeDefined();
      expect(org.apiUsage()).toEqual({ used: 3, max: 3 });
    } finally {
      await org.stop();
    }
  });
});
