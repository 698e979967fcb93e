import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loggedIn, passwordGrantParams, restCall, startTestOrg, tokenCall } from '../support/local-org.js';

describe('local org logging', () => {
  it('when requests are logged at debug level, then paths and statuses appear (with no redaction configured) but no token, password, secret or SOQL', async () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const org = await startTestOrg({ dataset: 'empty', logger: pino({ level: 'debug' }, sink) });
    try {
      const conn = await loggedIn(org);
      const token = conn.accessToken ?? '';
      await conn.query("SELECT Id FROM Account WHERE Name = 'Secret Customer'");
      await conn.identity();
      const { body } = await tokenCall(org, passwordGrantParams(org));
      await restCall(org, 'wrong-token', '/limits');
      const text = chunks.join('');
      expect(text).toContain('"path":"/services/data/v62.0/query"');
      expect(text).toContain('"statusCode":401');
      for (const secret of [token, String(body.access_token), String(body.refresh_token), org.credentials.password, org.credentials.clientSecret, 'Secret', 'wrong-token']) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await org.stop();
    }
  });
});
