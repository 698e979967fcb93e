import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors/config-error.js';

const noDotenv = undefined;

function problemsOf(env: Record<string, string>): { key: string; problem: string }[] {
  try {
    loadConfig(env, noDotenv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when nothing is set, then every default applies', () => {
    const config = loadConfig({}, noDotenv);
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'dealrisk', cluster: false });
    expect(config.log).toEqual({ level: 'info', pretty: false });
    expect(config.worker).toEqual({ concurrency: 2, shutdownGraceMs: 50_000 });
    expect(config.files.mapping).toBe('config/mapping.yaml');
    expect(config.salesforce.apiVersion).toBe('62.0');
    expect(config.salesforce.authFlow).toBeUndefined();
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
  ])('when LOG_PRETTY=%s, then pretty is %s', (value, expected) => {
    expect(loadConfig({ LOG_PRETTY: value }, noDotenv).log.pretty).toBe(expected);
  });

  it('when several keys are bad, then each is named with what it expects and no value is echoed', () => {
    const problems = problemsOf({ SF_AUTH_FLOW: 'bogus', REDIS_URL: 'notaurl', WORKER_CONCURRENCY: 'lots', SF_API_VERSION: 'v62' });
    expect(problems.map((p) => p.key).sort()).toEqual(['REDIS_URL', 'SF_API_VERSION', 'SF_AUTH_FLOW', 'WORKER_CONCURRENCY']);
    expect(problems.find((p) => p.key === 'SF_AUTH_FLOW')?.problem).toContain('jwt, client_credentials');
    expect(JSON.stringify(problems)).not.toContain('bogus');
  });

  it('when an auth flow is chosen without its settings, then each missing setting is named', () => {
    expect(problemsOf({ SF_AUTH_FLOW: 'password', SF_CLIENT_ID: 'abc' }).map((p) => p.key)).toEqual([
      'SF_CLIENT_SECRET',
      'SF_USERNAME',
      'SF_PASSWORD',
    ]);
    expect(problemsOf({ SF_AUTH_FLOW: 'access_token', SF_ACCESS_TOKEN: 'x' })).toEqual([
      { key: 'SF_INSTANCE_URL', problem: 'required when SF_AUTH_FLOW=access_token' },
    ]);
  });

  it('when a .env file exists, then it fills gaps and the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealrisk-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'LOG_LEVEL=debug\nDEALRISK_QUEUE_PREFIX=fromfile\n');
    const config = loadConfig({ DEALRISK_QUEUE_PREFIX: 'fromenv' }, file);
    expect(config.log.level).toBe('debug');
    expect(config.redis.prefix).toBe('fromenv');
  });

  it.each(['redis://', 'redis:127.0.0.1', 'redis://127.0.0.1:6379/queues'])('when REDIS_URL=%s, which ioredis would read as another Redis, then it is named as a bad setting', (value) => {
    expect(problemsOf({ REDIS_URL: value })).toEqual([
      { key: 'REDIS_URL', problem: 'expected a redis:// or rediss:// URL with a host and at most a database number, e.g. redis://127.0.0.1:6379/0' },
    ]);
  });

  it.each(['redis://127.0.0.1:6379/2', 'rediss://user:pass@cache.example:6380', 'redis://cache.example?family=6'])('when REDIS_URL=%s, then it is accepted', (value) => {
    expect(loadConfig({ REDIS_URL: value }, noDotenv).redis.url).toBe(value);
  });

  it.each(['-1', '1.5', '3601', 'soon'])('when WORKER_SHUTDOWN_GRACE_SECONDS=%s, then it is named as a bad setting', (value) => {
    expect(problemsOf({ WORKER_SHUTDOWN_GRACE_SECONDS: value })).toEqual([
      { key: 'WORKER_SHUTDOWN_GRACE_SECONDS', problem: 'expected a whole number of seconds from 0 to 3600' },
    ]);
  });

  it('when nothing is set, then a run starts below 80% of the org\'s daily API allowance and stops at 25% of it', () => {
    expect(loadConfig({}, noDotenv).sync.apiBudget).toEqual({ startLimitPercent: 80, runLimitPercent: 25 });
    expect(loadConfig({ DEALRISK_API_BUDGET_START_PERCENT: '95', DEALRISK_API_BUDGET_RUN_PERCENT: '10' }, noDotenv).sync.apiBudget).toEqual({ startLimitPercent: 95, runLimitPercent: 10 });
  });

  it.each(['DEALRISK_API_BUDGET_START_PERCENT', 'DEALRISK_API_BUDGET_RUN_PERCENT'])('when %s is 0, 101, 2.5 or text, then it is named as a bad setting', (key) => {
    for (const value of ['0', '101', '2.5', 'most']) {
      expect(problemsOf({ [key]: value })).toEqual([{ key, problem: 'expected a whole number of percent from 1 to 100' }]);
    }
  });

  it('when WORKER_SHUTDOWN_GRACE_SECONDS=0, then running jobs are handed back at once', () => {
    expect(loadConfig({ WORKER_SHUTDOWN_GRACE_SECONDS: '0' }, noDotenv).worker.shutdownGraceMs).toBe(0);
  });

  it.each(['0', '2.5', '601', 'forever'])('when SF_LOGIN_TIMEOUT_SECONDS=%s, then it is named as a bad setting', (value) => {
    expect(problemsOf({ SF_LOGIN_TIMEOUT_SECONDS: value })).toEqual([
      { key: 'SF_LOGIN_TIMEOUT_SECONDS', problem: 'expected a whole number of seconds from 1 to 600' },
    ]);
  });

  it('when SF_LOGIN_TIMEOUT_SECONDS is unset, then a login waits 30 seconds at most', () => {
    expect(loadConfig({}, noDotenv).salesforce.loginTimeoutMs).toBe(30_000);
  });

  it.each(['-1', '1.5', '1441', 'ten'])('when SYNC_LOOKBACK_MINUTES=%s, then it is named as a bad setting', (value) => {
    expect(problemsOf({ SYNC_LOOKBACK_MINUTES: value })).toEqual([{ key: 'SYNC_LOOKBACK_MINUTES', problem: 'expected a whole number of minutes from 0 to 1440' }]);
  });

  it('when SYNC_LOOKBACK_MINUTES is unset or set, then an incremental run re-reads 10 minutes or that many', () => {
    expect(loadConfig({}, noDotenv).sync.lookBackMs).toBe(600_000);
    expect(loadConfig({ SYNC_LOOKBACK_MINUTES: '0' }, noDotenv).sync.lookBackMs).toBe(0);
    expect(loadConfig({ SYNC_LOOKBACK_MINUTES: '60' }, noDotenv).sync.lookBackMs).toBe(3_600_000);
  });

  it('when REDIS_CLUSTER=true with a hash-tagged prefix, then the Redis settings name a cluster', () => {
    expect(loadConfig({ REDIS_CLUSTER: 'true', DEALRISK_QUEUE_PREFIX: '{dealrisk}' }, noDotenv).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: '{dealrisk}',
      cluster: true,
    });
  });

  it('when REDIS_CLUSTER=true with a prefix that is no hash tag, or a database number, then each is named', () => {
    expect(problemsOf({ REDIS_CLUSTER: 'true', REDIS_URL: 'redis://10.0.0.5:7000/2' })).toEqual([
      { key: 'DEALRISK_QUEUE_PREFIX', problem: 'on a Redis Cluster it must be a hash tag in braces, e.g. {dealrisk}' },
      { key: 'REDIS_URL', problem: 'a Redis Cluster has database 0 only: leave the database number out' },
    ]);
  });

  it.each(['{dealrisk', 'deal}risk', '{}', '{a}{b}'])('when DEALRISK_QUEUE_PREFIX=%s, then it is named as a bad setting', (value) => {
    expect(problemsOf({ DEALRISK_QUEUE_PREFIX: value })).toEqual([
      { key: 'DEALRISK_QUEUE_PREFIX', problem: 'expected letters, digits, "-" or "_", optionally in braces as a Redis Cluster hash tag ({dealrisk})' },
    ]);
  });

  it('when a value is empty, then it counts as unset', () => {
    expect(loadConfig({ SF_AUTH_FLOW: '', SF_INSTANCE_URL: ' ' }, noDotenv).salesforce.authFlow).toBeUndefined();
  });

  it('when client_credentials is chosen with a generic login host, then SF_LOGIN_URL is named with the My Domain it needs', () => {
    const base = { SF_AUTH_FLOW: 'client_credentials', SF_CLIENT_ID: 'id', SF_CLIENT_SECRET: 'secret' };
    for (const url of [undefined, 'https://login.salesforce.com', 'https://TEST.salesforce.com/']) {
      const problems = problemsOf(url === undefined ? base : { ...base, SF_LOGIN_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]?.key).toBe('SF_LOGIN_URL');
      expect(problems[0]?.problem).toContain('client_credentials needs your org\'s My Domain URL');
    }
    expect(loadConfig({ ...base, SF_LOGIN_URL: 'https://acme.my.salesforce.com' }, noDotenv).salesforce.loginUrl).toBe('https://acme.my.salesforce.com');
  });

  it('when the JWT audience is unset, then it is the generic login URL for the login URL\'s kind of org', () => {
    const jwt = { SF_AUTH_FLOW: 'jwt', SF_CLIENT_ID: 'id', SF_USERNAME: 'u@acme.test', SF_PRIVATE_KEY_FILE: 'key.pem' };
    const audience = (loginUrl?: string) => loadConfig(loginUrl ? { ...jwt, SF_LOGIN_URL: loginUrl } : jwt, noDotenv).salesforce.jwtAudience;
    expect(audience()).toBe('https://login.salesforce.com');
    expect(audience('https://acme.my.salesforce.com')).toBe('https://login.salesforce.com');
    expect(audience('https://test.salesforce.com')).toBe('https://test.salesforce.com');
    expect(audience('https://acme--uat.sandbox.my.salesforce.com')).toBe('https://test.salesforce.com');
    expect(loadConfig({ ...jwt, SF_JWT_AUDIENCE: 'https://acme.my.site.com/customers' }, noDotenv).salesforce.jwtAudience).toBe(
      'https://acme.my.site.com/customers',
    );
  });

  it('when the JWT audience is a My Domain, then SF_JWT_AUDIENCE is named with the generic login URL it must be', () => {
    const problems = problemsOf({
      SF_AUTH_FLOW: 'jwt',
      SF_CLIENT_ID: 'id',
      SF_USERNAME: 'u@acme.test',
      SF_PRIVATE_KEY_FILE: 'key.pem',
      SF_LOGIN_URL: 'https://acme.my.salesforce.com',
      SF_JWT_AUDIENCE: 'https://acme.my.salesforce.com',
    });
    expect(problems.map((p) => p.key)).toEqual(['SF_JWT_AUDIENCE']);
    expect(problems[0]?.problem).toContain('never a My Domain');
  });
});
