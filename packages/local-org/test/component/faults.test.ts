// The local org's faults (--faults / startLocalOrg's `faults`, and the /_local/faults control
// endpoint), each observed by a client as configured and repeatable from the seed, and the limits
// a production org enforces whatever the faults: concurrent long requests and logins per hour.
import type { Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalOrg, LocalOrgOptions } from '../../src/server.js';
import { bulkCall, csvRecords, waitForJob } from '../support/bulk.js';
import { connectionFor, loggedIn, passwordGrantParams, restCall, startTestOrg, tokenCall } from '../support/local-org.js';

const running: LocalOrg[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((org) => org.stop()));
});

async function start(options: LocalOrgOptions): Promise<{ org: LocalOrg; conn: Connection }> {
  const org = await startTestOrg({ opportunities: 10, ...options });
  running.push(org);
  return { org, conn: await loggedIn(org) };
}

/** Statuses of `n` calls of GET /limits with the session's token. */
async function statuses(org: LocalOrg, conn: Connection, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push((await restCall(org, conn.accessToken!, '/limits')).status);
  return out;
}

function errorOf(promise: Promise<unknown>): Promise<{ errorCode?: string; name?: string; message: string }> {
  return promise.then(
    () => ({ message: 'no error' }),
    (error: unknown) => error as { errorCode?: string; message: string },
  );
}

describe('local org faults', () => {
  it('when http503 and http500 are fractions, then about that share of calls answer so, in the same order for the same seed', async () => {
    const faults = 'http503=0.25,http500=0.25';
    const first = await start({ seed: 11, faults });
    const a = await statuses(first.org, first.conn, 60);
    const second = await start({ seed: 11, faults });
    const b = await statuses(second.org, second.conn, 60);
    expect(b).toEqual(a);
    const share = (code: number) => a.filter((s) => s === code).length / a.length;
    expect(share(503)).toBeGreaterThan(0.08);
    expect(share(500)).toBeGreaterThan(0.08);
    expect(share(200)).toBeGreaterThan(0.3);
    const other = await start({ seed: 12, faults });
    expect(await statuses(other.org, other.conn, 60)).not.toEqual(a);

    const failing = await restCall(first.org, first.conn.accessToken!, '/limits');
    if (failing.status === 503) expect(failing.body).toEqual([expect.objectContaining({ errorCode: 'SERVER_UNAVAILABLE' })]);
  });

  it('when latencyMs is set, then every API call takes at least that long', async () => {
    const { org, conn } = await start({ faults: 'latencyMs=300' });
    const started = Date.now();
    await restCall(org, conn.accessToken!, '/limits');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('when sessionExpiryCalls is 3, then the fourth call of a session answers 401 INVALID_SESSION_ID and jsforce refreshes and goes on', async () => {
    const { org, conn } = await start({ faults: 'sessionExpiryCalls=3' });
    const token = conn.accessToken!;
    expect(await statuses(org, conn, 3)).toEqual([200, 200, 200]);
    const expired = await restCall(org, token, '/limits');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    let refreshed = 0;
    conn.on('refresh', () => (refreshed += 1));
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(refreshed).toBe(1);
    expect(conn.accessToken).not.toBe(token);
  });

  it('when lockRow is a fraction, then that share of writes fail UNABLE_TO_LOCK_ROW, the same ones for the same seed, and a locked write saves nothing', async () => {
    const run = async () => {
      const { org, conn } = await start({ seed: 3, faults: 'lockRow=0.5' });
      const ids = [...org.store.rows('Account')].filter((a) => !a.IsDeleted).slice(0, 20).map((a) => a.Id);
      const results = (await conn.sobject('Account').update(ids.map((Id) => ({ Id, Description: 'locked?' })))) as { success: boolean; errors: { statusCode: string }[] }[];
      const outcome = results.map((r) => (r.success ? 'ok' : r.errors[0]!.statusCode));
      ids.forEach((id, i) => expect(org.store.retrieve('Account', id)!.Description === 'locked?').toBe(outcome[i] === 'ok'));
      return outcome;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'UNABLE_TO_LOCK_ROW']));
  });

  it('when apiLimit is set, then calls past it answer 403 REQUEST_LIMIT_EXCEEDED with the daily message', async () => {
    const { org, conn } = await start({ faults: 'apiLimit=4' });
    const used = org.apiUsage().used;
    const seen = await statuses(org, conn, 6);
    expect(seen.filter((s) => s === 200)).toHaveLength(Math.max(0, 4 - used));
    const refused = await restCall(org, conn.accessToken!, '/limits');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
  });

  it('when bulkFail is 1, then query and ingest jobs end Failed with a message, and the ingest rows are unprocessed', async () => {
    const { org, conn } = await start({ faults: 'bulkFail=1' });
    const query = (await bulkCall<{ id: string }>(conn, 'POST', '/query', { operation: 'query', query: 'SELECT Id FROM Account' })).body;
    const failed = await waitForJob(conn, 'query', query.id);
    expect(failed.state).toBe('Failed');
    expect(String(failed.errorMessage)).toContain('bulkFail');
    const results = await errorOf(bulkCall(conn, 'GET', `/query/${query.id}/results`, undefined, { csv: true }));
    expect(results.message).toContain('INVALIDJOBSTATE');

    const account = [...org.store.rows('Account')].find((a) => !a.IsDeleted)!;
    const ingest = (await bulkCall<{ id: string }>(conn, 'POST', '/ingest', { object: 'Account', operation: 'update' })).body;
    await bulkCall(conn, 'PUT', `/ingest/${ingest.id}/batches`, `Id,Description\n${account.Id},failed job\n`);
    await bulkCall(conn, 'PATCH', `/ingest/${ingest.id}`, { state: 'UploadComplete' });
    expect(await waitForJob(conn, 'ingest', ingest.id)).toMatchObject({ state: 'Failed', numberRecordsProcessed: 0 });
    expect(await csvRecords(conn, `/ingest/${ingest.id}/unprocessedrecords`)).toEqual([{ Id: account.Id, Description: 'failed job' }]);
    expect(org.store.retrieve('Account', account.Id)!.Description).not.toBe('failed job');
  });

  it('when slowQueryMs is set, then REST queries take that long and a Bulk query job stays InProgress long enough to be aborted', async () => {
    const { conn } = await start({ faults: 'slowQueryMs=400' });
    const started = Date.now();
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);

    const job = (await bulkCall<{ id: string }>(conn, 'POST', '/query', { operation: 'query', query: 'SELECT Id FROM Account' })).body;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await bulkCall<{ state: string }>(conn, 'GET', `/query/${job.id}`)).body.state).toBe('InProgress');
    const aborted = (await bulkCall<{ state: string }>(conn, 'PATCH', `/query/${job.id}`, { state: 'Aborted' })).body;
    expect(aborted.state).toBe('Aborted');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await bulkCall<{ state: string }>(conn, 'GET', `/query/${job.id}`)).body.state).toBe('Aborted');
  });

  it('when the control endpoint changes the faults, then the next calls follow them; a bad key is refused by name', async () => {
    const { org, conn } = await start({});
    const control = `${org.instanceUrl}/_local/faults`;
    const put = (body: unknown) => fetch(control, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put({ http503: 1 })).status).toBe(200);
    expect(await statuses(org, conn, 2)).toEqual([503, 503]);
    expect(((await (await fetch(control)).json()) as { faults: { http503: number } }).faults.http503).toBe(1);
    await put({});
    expect(await statuses(org, conn, 1)).toEqual([200]);
    const bad = await put({ http999: 1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('--faults http999');
  });

  it('when a fault key or value is wrong at start, then the org refuses to start, naming it', async () => {
    await expect(startTestOrg({ faults: 'nope=1' })).rejects.toThrow(/--faults nope: unknown fault/);
    await expect(startTestOrg({ faults: 'http503=2' })).rejects.toThrow(/--faults http503: must be a fraction/);
  });
});

describe('local org production limits', () => {
  it('when the long requests in flight fill the limit, then another call answers REQUEST_LIMIT_EXCEEDED with the ConcurrentRequests message', async () => {
    const { org, conn } = await start({ faults: 'latencyMs=700', productionLimits: { longRequestMs: 100, maxLongRequests: 2 } });
    const token = conn.accessToken!;
    const slow = [restCall(org, token, '/limits'), restCall(org, token, '/limits')];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = await restCall(org, token, '/limits');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.' }]);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    expect((await restCall(org, token, '/limits')).status).toBe(200);
  });

  it('when a user logs in more often than the hourly allowance, then the next login is refused LOGIN_RATE_EXCEEDED and refreshing still works', async () => {
    const { org } = await start({ productionLimits: { loginsPerHour: 3 } });
    const second = await tokenCall(org, passwordGrantParams(org));
    expect(second.status).toBe(200);
    await loggedIn(org);
    const error = await errorOf(connectionFor(org).login(org.credentials.username, org.credentials.password));
    expect(error.message).toContain('LOGIN_RATE_EXCEEDED');
    // A refresh_token grant is no new login (jsforce's password connections log in again instead).
    const refreshed = await tokenCall(org, { grant_type: 'refresh_token', refresh_token: String(second.body.refresh_token), client_id: org.credentials.clientId, client_secret: org.credentials.clientSecret });
    expect(refreshed.status).toBe(200);
    expect(typeof refreshed.body.access_token).toBe('string');
  });
});
