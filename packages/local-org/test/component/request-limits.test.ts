import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/server.js';
import { createManualClock } from '../../src/store/clock.js';
import { loggedIn, startTestOrg, TEST_AS_OF } from '../support/local-org.js';

const HOUR = 3_600_000;

describe('local org request head limit (URI plus headers at most 16,384 bytes)', () => {
  let org: LocalOrg;
  let token: string;
  beforeAll(async () => {
    org = await startTestOrg({ dataset: 'empty' });
    token = (await loggedIn(org)).accessToken ?? '';
  });
  afterAll(async () => {
    await org.stop();
  });

  /** A raw GET: the refusals are plain text, not JSON. */
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${org.instanceUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, text: await response.text() };
  };

  /** A query URI padded with a WHERE on Name to exactly `bytes` bytes. */
  const queryPathOf = (bytes: number): string => {
    const head = '/services/data/v62.0/query?q=';
    const soql = (name: string) => encodeURIComponent(`SELECT Id FROM Account WHERE Name = '${name}'`);
    const pad = bytes - head.length - soql('').length;
    return head + soql('x'.repeat(pad));
  };

  it('when URI plus headers exceed 16,384 bytes, then 431 and nothing is counted; a head just under it is served', async () => {
    const before = org.apiUsage().used;
    const tooLong = await get(queryPathOf(16_000), { 'x-padding': 'p'.repeat(600) });
    expect(tooLong).toEqual({ status: 431, text: 'Request Header Fields Too Large' });
    expect(org.apiUsage().used).toBe(before);

    const fits = await get(queryPathOf(15_000));
    expect(fits.status).toBe(200);
    expect(JSON.parse(fits.text)).toMatchObject({ totalSize: 0, done: true });
  });

  // Raw fetch, not jsforce: under the tests' nock guard (no-network.ts) jsforce's http client never
  // sees an answer sent before its long request line is read; outside the tests jsforce reports
  // ERROR_HTTP_414 / ERROR_HTTP_431 with the body as the message.
  it('when the URI alone exceeds 16,384 bytes, then 414', async () => {
    expect(await get(queryPathOf(16_500))).toEqual({ status: 414, text: 'URI Too Long' });
  });
});

describe('local org daily API usage (a rolling 24 hours on the org clock)', () => {
  it('when the allowance is spent, then calls are refused until the oldest requests are 24 hours old', async () => {
    const clock = createManualClock(TEST_AS_OF);
    const org = await startTestOrg({ dataset: 'empty', apiLimit: 3, clock });
    try {
      const conn = await loggedIn(org);
      await conn.query('SELECT Id FROM Account'); // 12:00
      clock.advance(10 * HOUR);
      await conn.query('SELECT Id FROM Account'); // 22:00
      await conn.query('SELECT Id FROM Account');
      await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });

      clock.advance(13 * HOUR); // 11:00 next day: all three still inside the window
      await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });

      clock.advance(HOUR + 60_000); // the 12:00 request has left the window, the 22:00 ones have not
      expect(org.apiUsage()).toEqual({ used: 2, max: 3 });
      const limits = await conn.limits();
      expect(limits.DailyApiRequests).toEqual({ Max: 3, Remaining: 0 });
      await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    } finally {
      await org.stop();
    }
  });
});
