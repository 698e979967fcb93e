import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodeOf, printedValue, runCli, startCli, waitForOutput } from '../support/cli.js';
import { RedisFixture, redisUrl, uniqueQueueName } from '../support/redis.js';

const running: ChildProcessWithoutNullStreams[] = [];
const redis = new RedisFixture();
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await redis.cleanup();
});

describe('dealrisk worker + dealrisk sync', () => {
  it('when a sync is requested, then a worker process scores the org and the risk fields land in Salesforce', async () => {
    const org = startCli(['org', 'start', '--port', '0', '--dataset', 'demo', '--opportunities', '120', '--seed', '5']);
    running.push(org);
    const out = await waitForOutput(org, /Press Ctrl\+C to stop/, 45_000);
    const prefix = uniqueQueueName('e2e');
    redis.syncQueues(prefix);
    const env = {
      REDIS_URL: redisUrl(),
      DEALRISK_QUEUE_PREFIX: prefix,
      // Client credentials logs in at the org's My Domain; its generic login host refuses it.
      SF_LOGIN_URL: printedValue(out, 'My Domain URL'),
      SF_AUTH_FLOW: 'client_credentials',
      SF_CLIENT_ID: printedValue(out, 'client id'),
      SF_CLIENT_SECRET: printedValue(out, 'client secret'),
      LOG_LEVEL: 'info',
    };
    const worker = startCli(['worker'], env);
    running.push(worker);
    let workerLog = '';
    worker.stderr.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));

    const sync = await runCli(['sync', '--wait', '--timeout', '60'], { ...env, LOG_LEVEL: 'warn' }, undefined, 90_000);
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    const match = /scored (\d+) open deals .*\n {2}wrote \d+ fields on (\d+) deals/.exec(sync.stdout);
    expect(match, sync.stdout).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThan(0);
    expect(match![2]).toBe(match![1]);
    expect(sync.stdout).not.toContain('refused');

    const conn = new jsforce.Connection({
      loginUrl: env.SF_LOGIN_URL,
      oauth2: { clientId: env.SF_CLIENT_ID, clientSecret: env.SF_CLIENT_SECRET, loginUrl: env.SF_LOGIN_URL },
      version: '62.0',
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    const open = await conn.query<{ Deal_Risk_Score__c: number | null; Deal_Risk_Level__c: string | null; Deal_Risk_Codes__c: string | null }>(
      'SELECT Deal_Risk_Score__c, Deal_Risk_Level__c, Deal_Risk_Codes__c FROM Opportunity WHERE IsClosed = false',
    );
    expect(open.totalSize).toBe(Number(match![1]));
    for (const row of open.records) {
      expect(row.Deal_Risk_Score__c).toBeGreaterThanOrEqual(0);
      expect(row.Deal_Risk_Level__c).toBe(row.Deal_Risk_Score__c! >= 80 ? 'High' : row.Deal_Risk_Score__c! >= 40 ? 'Medium' : 'Low');
    }
    const closedScored = await conn.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = true AND Deal_Risk_Score__c != null');
    expect(closedScored.totalSize).toBe(0);

    // The worker logs the run with its job context and never the client secret.
    const exited = exitCodeOf(worker);
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workerLog).toContain('"msg":"sync run finished"');
    expect(workerLog).toMatch(/"runId":"[0-9a-f-]{36}"/);
    expect(workerLog).not.toContain(env.SF_CLIENT_SECRET);
  });

  it('when only enqueuing, then sync returns at once with the run id', async () => {
    const prefix = uniqueQueueName('enqueue');
    const queue = redis.syncQueues(prefix);
    const result = await runCli(['sync', '--no-wait'], { REDIS_URL: redisUrl(), DEALRISK_QUEUE_PREFIX: prefix });
    expect(result.code).toBe(0);
    const runId = /^Enqueued sync run ([0-9a-f-]{36});/.exec(result.stdout)?.[1];
    expect(runId, result.stdout).toBeDefined();
    const [job] = await queue.getWaiting();
    expect(job?.id).toBe(`${runId}-plan`);
    expect(job?.data).toEqual({ runId, trigger: 'manual', mode: 'incremental', dryRun: false });
  });
});
