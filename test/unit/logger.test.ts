import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, quietChild } from '../../src/logging/logger.js';

function memorySink(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('when an object with secrets is logged at any depth, then the secrets come out redacted', () => {
    const sink = memorySink();
    const logger = createLogger({ level: 'trace', pretty: false }, sink.stream);
    logger.child({ jobId: '7' }).trace(
      {
        password: 'hunter2',
        auth: { access_token: '00Dxx!AQ0AQsecret', refresh_token: 'rt-secret', client_secret: 'cs-secret' },
        request: { headers: { Authorization: 'Bearer 00Dxx!AQ0AQsecret', accept: 'application/json' } },
        env: { SF_PASSWORD: 'envpass', SF_PRIVATE_KEY_FILE: '/keys/server.key' },
      },
      'login',
    );
    const [line] = sink.lines();
    const text = JSON.stringify(line);
    for (const secret of ['hunter2', 'AQ0AQsecret', 'rt-secret', 'cs-secret', 'envpass']) expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      jobId: '7',
      password: '[Redacted]',
      auth: { access_token: '[Redacted]' },
      request: { headers: { Authorization: '[Redacted]', accept: 'application/json' } },
      env: { SF_PRIVATE_KEY_FILE: '/keys/server.key' },
      msg: 'login',
    });
  });

  it('when an error is logged as { err }, then its own properties such as errorCode are kept', () => {
    const sink = memorySink();
    const logger = createLogger({ level: 'info', pretty: false }, sink.stream);
    const error = Object.assign(new Error('Session expired or invalid'), { errorCode: 'INVALID_SESSION_ID' });
    logger.error({ err: error }, 'query failed');
    expect(sink.lines()[0]).toMatchObject({ err: { type: 'Error', errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' } });
  });

  it('when the level is warn, then info is dropped', () => {
    const sink = memorySink();
    const logger = createLogger({ level: 'warn', pretty: false }, sink.stream);
    logger.info('quiet');
    logger.warn('loud');
    expect(sink.lines().map((l) => l.msg)).toEqual(['loud']);
  });

  it('when a chatty part logs under quietChild, then only warnings show unless the user asked for debug', () => {
    const sink = memorySink();
    quietChild(createLogger({ level: 'info', pretty: false }, sink.stream), { component: 'local-org' }).info('request');
    quietChild(createLogger({ level: 'info', pretty: false }, sink.stream), { component: 'local-org' }).warn('slow');
    quietChild(createLogger({ level: 'debug', pretty: false }, sink.stream), { component: 'local-org' }).debug('request detail');
    expect(sink.lines().map((l) => [l.component, l.msg])).toEqual([
      ['local-org', 'slow'],
      ['local-org', 'request detail'],
    ]);
  });
});
