import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { LocalOrg } from '@dealrisk/local-org';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scoreDealsJob } from '../../src/queue/catalog.js';
import { exitCodeOf, runCli, startCli, waitForOutput } from '../support/cli.js';
import { loggedIn, startTestOrg } from '../support/local-org.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';
import { freePort, PrivateRedis } from '../support/redis-server.js';

/** A stack frame line, as Node prints stack traces. */
const STACK_FRAME = /\n\s+at /;

const running: ChildProcessWithoutNullStreams[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
const redis = new RedisFixture();
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await redis.cleanup();
});

/** Starts a CLI process that the test's cleanup kills if it is still running. */
function started(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  const child = startCli(args, env);
  running.push(child);
  return child;
}

/** Everything a process writes to stderr, as it comes. */
function stderrOf(child: ChildProcessWithoutNullStreams): () => string {
  let text = '';
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

/** A login host that accepts connections and never answers: Salesforce hanging mid-request. */
async function startHangingLoginHost(): Promise<{ url: string; firstRequest: Promise<IncomingMessage> }> {
  const sockets = new Set<Socket>();
  let first = (_request: IncomingMessage): void => undefined;
  const firstRequest = new Promise<IncomingMessage>((resolve) => (first = resolve));
  const server: Server = createServer((request) => first(request));
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}`, firstRequest };
}

/** A local org of its own for a test that checks what a run wrote; stopped after the test. */
async function freshOrg(): Promise<LocalOrg> {
  const started = await startTestOrg({ opportunities: 40 });
  cleanups.push(() => started.stop());
  return started;
}

/** The settings a worker and sync need to score `org`, on queues of their own. */
function orgEnv(org: LocalOrg, redisAt: string): Record<string, string> {
  const prefix = uniqueQueueName('outage');
  return {
    REDIS_URL: redisAt,
    DEALRISK_QUEUE_PREFIX: prefix,
    // Client credentials logs in at the org's My Domain; its generic login host refuses it.
    SF_LOGIN_URL: org.myDomainUrl,
    SF_AUTH_FLOW: 'client_credentials',
    SF_CLIENT_ID: org.credentials.clientId,
    SF_CLIENT_SECRET: org.credentials.clientSecret,
    LOG_LEVEL: 'info',
  };
}

/** Open opportunities of `org` without a risk score (0 once a run has scored them all). */
async function unscoredOpenDeals(org: LocalOrg): Promise<number> {
  const conn = await loggedIn(org);
  const open = await conn.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = false');
  expect(open.totalSize).toBeGreaterThan(0);
  return (await conn.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = false AND Deal_Risk_Score__c = null')).totalSize;
}

describe('when Redis is out of reach', () => {
  it('when nothing answers at REDIS_URL, then sync says so in one line naming REDIS_URL and exits 1', async () => {
    const port = await freePort();
    const result = await runCli(['sync'], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `dealrisk: no Redis answers at 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}). Start one (\`docker compose up -d redis\`, or \`redis-server\`) or set REDIS_URL.\n`,
    );
    expect(result.stdout).toBe('');
  });

  it.each(['redis:127.0.0.1', 'redis://127.0.0.1:6379/queues'])('when REDIS_URL is %s, then sync names REDIS_URL and exits 2', async (url) => {
    const result = await runCli(['sync'], { REDIS_URL: url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('REDIS_URL: expected a redis:// or rediss:// URL with a host and at most a database number');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it("when Redis refuses REDIS_URL's password, then sync names REDIS_URL without echoing the password and exits 2", async () => {
    const guarded = await PrivateRedis.start(['--requirepass', 'right-one']);
    cleanups.push(() => guarded.stop());
    const result = await runCli(['sync'], { REDIS_URL: `redis://:wrong-one@127.0.0.1:${guarded.port}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Invalid configuration:\n {2}REDIS_URL: Redis at 127\.0\.0\.1:\d+ refused it: WRONGPASS /);
    expect(result.stderr).not.toContain('wrong-one');
  });

  it('when Redis is down, then the worker says so once, keeps retrying, and on SIGTERM exits at once with 0', async () => {
    const worker = started(['worker'], { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, LOG_LEVEL: 'info' });
    const log = stderrOf(worker);
    await waitForOutput(worker, /"msg":"worker started"[\s\S]*"msg":"worker error"/, 30_000, 'stderr');
    expect(log()).toMatch(/"level":40,.*"msg":"no Redis answers at 127\.0\.0\.1:\d+ \(connect ECONNREFUSED [^)]+\)\. Start one .* or set REDIS_URL\. Retrying until it answers\."/);
    worker.kill('SIGTERM');
    expect(await exitCodeOf(worker)).toBe(0);
    expect(log()).toContain('"msg":"worker stopped"');
  });

  it('when Redis goes away and comes back, then a running worker picks up the next run', async () => {
    const server = await PrivateRedis.start();
    cleanups.push(() => server.stop());
    const org = await freshOrg();
    expect(await unscoredOpenDeals(org)).toBeGreaterThan(0);
    const env = orgEnv(org, server.url);
    const worker = started(['worker'], env);
    const log = stderrOf(worker);
    await waitForOutput(worker, /"msg":"worker started"/, 30_000, 'stderr');

    await server.stop();
    await waitForOutput(worker, /"msg":"worker error"/, 30_000, 'stderr');
    await server.restart();

    const sync = await runCli(['sync', '--wait', '--timeout', '60'], { ...env, LOG_LEVEL: 'warn' }, undefined, 90_000);
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/scored [1-9]\d* open deals .*; 0 refused\./);
    expect(await unscoredOpenDeals(org)).toBe(0);
    expect(log()).toContain('"msg":"scoring run finished"');
    worker.kill('SIGTERM');
    expect(await exitCodeOf(worker)).toBe(0);
  });
});

describe('when the Salesforce login fails', () => {
  let org: LocalOrg;
  beforeAll(async () => {
    org = await startTestOrg({ dataset: 'empty' });
  });
  afterAll(async () => {
    await org.stop();
  });
  const badPassword = (): Record<string, string> => ({
    SF_LOGIN_URL: org.loginUrl,
    SF_AUTH_FLOW: 'password',
    SF_CLIENT_ID: org.credentials.clientId,
    SF_CLIENT_SECRET: org.credentials.clientSecret,
    SF_USERNAME: org.credentials.username,
    SF_PASSWORD: 'not-the-password',
  });

  it('when the password is wrong, then explain prints one line naming SF_USERNAME and SF_PASSWORD and exits 2', async () => {
    const result = await runCli(['explain', '006000000000003'], { ...badPassword(), LOG_LEVEL: 'info' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `dealrisk: Salesforce login (password flow at ${org.loginUrl}) failed: invalid_grant: authentication failure; ` +
        'check SF_USERNAME and SF_PASSWORD (with the security token appended if the org requires one).\n',
    );
  });

  it('when LOG_LEVEL=debug, then the same failure also logs its stack trace and cause, still without the password', async () => {
    const result = await runCli(['explain', '006000000000003'], { ...badPassword(), LOG_LEVEL: 'debug' });
    expect(result.code).toBe(2);
    const [line, logged] = result.stderr.split('\n');
    expect(line).toMatch(/^dealrisk: Salesforce login \(password flow/);
    const entry = JSON.parse(logged!) as { msg: string; err: { type: string; errorCode: string; stack: string } };
    expect(entry.msg).toBe('command failed');
    expect(entry.err.type).toBe('SalesforceAuthError');
    expect(entry.err.errorCode).toBe('invalid_grant');
    expect(entry.err.stack).toMatch(/^SalesforceAuthError: [\s\S]*\n\s+at [\s\S]*caused by: invalid_grant: authentication failure/);
    expect(result.stderr).not.toContain('not-the-password');
  });

  it('when the login host does not answer, then explain names SF_LOGIN_URL and exits 1 (worth trying again)', async () => {
    const port = await freePort();
    const result = await runCli(['explain', '006000000000003'], { ...badPassword(), SF_LOGIN_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^dealrisk: Salesforce login \\(password flow at http://127\\.0\\.0\\.1:${port}\\) failed: FetchError: .*ECONNREFUSED.*; the login host did not answer: check SF_LOGIN_URL and the network\\.\\n$`),
    );
  });
  it('when the login host accepts the connection and never answers, then explain gives up after SF_LOGIN_TIMEOUT_SECONDS with one line and exits 1', async () => {
    // From the client's side a host that drops packets and one that never answers look the same: no response.
    const hanging = await startHangingLoginHost();
    const result = await runCli(['explain', '006000000000003'], { ...badPassword(), SF_LOGIN_URL: hanging.url, SF_LOGIN_TIMEOUT_SECONDS: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `dealrisk: Salesforce login (password flow at ${hanging.url}) failed: AbortError: no answer within 1 s (SF_LOGIN_TIMEOUT_SECONDS); ` +
        'the login host did not answer: check SF_LOGIN_URL and the network.\n',
    );
  });
});

describe("when the worker's login is refused", () => {
  it('when sync waits for the run, then it prints the failed run as one line naming the settings and exits 1', async () => {
    const org = await freshOrg();
    const env: Record<string, string> = { ...orgEnv(org, redisUrl()), SF_CLIENT_SECRET: 'not-the-secret', LOG_LEVEL: 'warn' };
    redis.queue(scoreDealsJob.queue, env.DEALRISK_QUEUE_PREFIX);
    started(['worker'], env);
    // The CLI gets no Salesforce settings: with them it would check the mapping and fail the login itself.
    const result = await runCli(['sync', '--wait', '--timeout', '60'], { ...env, SF_AUTH_FLOW: '' }, undefined, 90_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `dealrisk: Salesforce login (client_credentials flow at ${org.myDomainUrl}) failed: invalid_client: invalid client credentials; ` +
        'check SF_CLIENT_ID and SF_CLIENT_SECRET. (LOG_LEVEL=debug prints its stack trace)\n',
    );
    expect(await unscoredOpenDeals(org)).toBeGreaterThan(0);
  });
});

describe('when a worker is stopped mid-job', () => {
  it('when the grace period runs out, then the worker exits 1, the job is back in the queue at once, and another worker completes it', async () => {
    const org = await freshOrg();
    expect(await unscoredOpenDeals(org)).toBeGreaterThan(0);
    const env = orgEnv(org, redisUrl());
    const queue = redis.queue(scoreDealsJob.queue, env.DEALRISK_QUEUE_PREFIX);
    // The first worker's login hangs, so its job cannot finish within its 1-second grace period.
    const hanging = await startHangingLoginHost();
    const first = started(['worker'], { ...env, SF_LOGIN_URL: hanging.url, WORKER_SHUTDOWN_GRACE_SECONDS: '1' });
    const firstLog = stderrOf(first);
    await waitForOutput(first, /"msg":"worker started"/, 30_000, 'stderr');
    const sync = runCli(['sync', '--wait', '--timeout', '120'], { ...env, LOG_LEVEL: 'warn' }, undefined, 150_000);
    await hanging.firstRequest;

    first.kill('SIGTERM');
    expect(await exitCodeOf(first)).toBe(1);
    const [job] = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.attemptsMade).toBe(0);
    expect(firstLog()).toContain(`"handedBack":["${job!.id}"],"stranded":[]`);
    expect(firstLog()).toContain('running jobs did not finish within the grace period: handed them back to the queue for another worker');

    const second = started(['worker'], env);
    const result = await sync;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/scored [1-9]\d* open deals .*; 0 refused\./);
    expect(await unscoredOpenDeals(org)).toBe(0);
    second.kill('SIGTERM');
    expect(await exitCodeOf(second)).toBe(0);
  });
});
