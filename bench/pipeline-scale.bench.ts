// The real pipeline at scale: the local org in its own process (`dealrisk org start`), one
// `dealrisk worker` process on real Redis, and `dealrisk sync --full` run twice, as an operator
// would. For 10,000 and 100,000 opportunities it reports the full run's wall time, the worker's
// peak resident memory (VmHWM of its process, so the org's memory does not count), and for the
// second run (nothing changed) the fields written and its API calls next to the platform minimum
// for reading the same rows (docs/architecture.md, "API calls of a full run").
// The worker runs the compiled executable (the bench builds first); org and sync run from source.
// Run: npx vitest bench --run --project unit bench/pipeline-scale.bench.ts
// Sizes: PIPELINE_SCALE_SIZES=10000 for the small org only. Needs Redis at REDIS_URL (default 127.0.0.1:6379).
// The worker gets SYNC_BULK_THRESHOLD and WORKER_CONCURRENCY from the bench's environment when set
// (SYNC_BULK_THRESHOLD=0: every run reads over REST), else the defaults an operator gets.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createRedisConnection } from '../src/queue/connection.js';
import { exitCodeOf, printedValue, runCli, startCli, waitForOutput } from '../test/support/cli.js';
import { benchLogin, minimumReadCalls, orgRequestsUsed, orgRowCounts, type RowCounts } from './support/row-counts.js';

const SIZES = (process.env.PIPELINE_SCALE_SIZES ?? '10000,100000').split(',').map(Number);
const AS_OF = '2026-11-27T09:00:00Z';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface RunFigures {
  wallMs: number;
  planned: number;
  fieldsWritten: number;
  tasksOpened: number;
  apiCalls: number;
}
interface SizeFigures {
  opportunities: number;
  idleMb: number;
  first: RunFigures;
  firstPeakMb: number;
  second: RunFigures;
  /** The org's count of the second run's requests, the sync command's own included. */
  secondOrgCounted: number;
  peakMb: number;
  rows: RowCounts;
  minimum: number;
}
const results: SizeFigures[] = [];
const root = fileURLToPath(new URL('..', import.meta.url));

/** The worker as it is deployed: the package's executable over the compiled code (bin/dealrisk.js), not tsx. */
function startBuiltWorker(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [`${root}bin/dealrisk.js`, 'worker'], { cwd: root, env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '', ...env } });
}

// The compiled code must be this checkout's.
beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}, 300_000);

/** A process's memory line from /proc (VmHWM: peak resident set; VmRSS: now), in MB. */
function procMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
}

/** Starts a new peak: writing 5 to clear_refs resets VmHWM to the present RSS (Linux 4.0+). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Keeps reading a child's output (a full pipe would stall it) and keeps the last lines for errors. */
function drain(child: ChildProcessWithoutNullStreams): () => string {
  let tail = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
  return () => tail;
}

function figure(out: string, pattern: RegExp): number {
  const match = pattern.exec(out);
  if (!match) throw new Error(`no ${String(pattern)} in the sync report:\n${out}`);
  return Number(match[1]);
}

/** One `dealrisk sync --full` through the CLI, with the report's figures. */
async function fullRun(env: Record<string, string>): Promise<RunFigures> {
  const start = performance.now();
  const result = await runCli(['sync', '--full', '--as-of', AS_OF, '--timeout', '1800'], { ...env, LOG_LEVEL: 'warn' }, undefined, 1_900_000);
  const wallMs = performance.now() - start;
  if (result.code !== 0 || !result.stdout.includes('SUCCEEDED')) throw new Error(`sync failed (${String(result.code)}):\n${result.stdout}\n${result.stderr}`);
  return {
    wallMs,
    planned: figure(result.stdout, /planned (\d+) deals/),
    fieldsWritten: figure(result.stdout, /wrote (\d+) fields/),
    tasksOpened: figure(result.stdout, /Tasks: (\d+) opened/),
    apiCalls: figure(result.stdout, /Salesforce API calls: (\d+)/),
  };
}

/** Removes every key the bench's queues and runs left under `prefix`. */
async function removeKeys(prefix: string): Promise<void> {
  const redis = createRedisConnection(REDIS_URL);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

async function measure(opportunities: number): Promise<SizeFigures> {
  const running: ChildProcessWithoutNullStreams[] = [];
  const prefix = `bench-scale-${randomUUID().slice(0, 8)}`;
  try {
    // The org's own heap grows with the dataset (about 3 GB at 100,000): room, in its own process.
    const org = startCli(['org', 'start', '--port', '0', '--opportunities', String(opportunities), '--seed', '1', '--as-of', AS_OF], {
      NODE_OPTIONS: '--max-old-space-size=8192',
    });
    running.push(org);
    const ready = await waitForOutput(org, /Press Ctrl\+C/, 300_000);
    drain(org);
    const myDomain = printedValue(ready, 'My Domain URL');
    const credentials = { clientId: printedValue(ready, 'client id'), clientSecret: printedValue(ready, 'client secret') };
    const env = {
      REDIS_URL,
      DEALRISK_QUEUE_PREFIX: prefix,
      SF_LOGIN_URL: myDomain,
      SF_AUTH_FLOW: 'client_credentials',
      SF_CLIENT_ID: credentials.clientId,
      SF_CLIENT_SECRET: credentials.clientSecret,
    };
    // The worker as an operator starts it: default concurrency and log level, unless the bench's environment says otherwise.
    const tuning = Object.fromEntries(['SYNC_BULK_THRESHOLD', 'WORKER_CONCURRENCY'].flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])));
    const worker = startBuiltWorker({ ...env, ...tuning });
    running.push(worker);
    await waitForOutput(worker, /"msg":"worker started"/, 60_000, 'stderr');
    const workerOutput = drain(worker);
    const idleMb = procMb(worker.pid!, 'VmHWM');
    const first = await fullRun(env);
    const firstPeakMb = procMb(worker.pid!, 'VmHWM');
    resetPeak(worker.pid!);
    const conn = await benchLogin({ myDomain, ...credentials });
    // A reading of /limits is itself a request: two in a row tell how many it adds.
    const [usedBefore, usedAgain] = [await orgRequestsUsed(conn), await orgRequestsUsed(conn)];
    const second = await fullRun(env);
    const secondOrgCounted = (await orgRequestsUsed(conn)) - usedAgain - (usedAgain - usedBefore);
    const peakMb = procMb(worker.pid!, 'VmHWM');
    if (worker.exitCode !== null) throw new Error(`the worker exited:\n${workerOutput()}`);
    const rows = await orgRowCounts(conn);
    return { opportunities, idleMb, first, firstPeakMb, second, secondOrgCounted, peakMb, rows, minimum: minimumReadCalls(rows) };
  } finally {
    for (const child of running.reverse()) {
      child.kill('SIGTERM');
      const exited = exitCodeOf(child);
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }
    await removeKeys(prefix);
  }
}

describe('the pipeline at scale: org, worker and sync in separate processes on real Redis', () => {
  for (const opportunities of SIZES) {
    bench(
      `two full runs on a ${opportunities.toLocaleString('en-US')}-opportunity local org`,
      async () => {
        results.push(await measure(opportunities));
      },
      { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
    );
  }
});

afterAll(() => {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`;
  console.log(`machine: ${machine}; load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  for (const r of results) {
    const { rows } = r;
    console.log(
      [
        `${r.opportunities.toLocaleString('en-US')} opportunities (${r.first.planned} deals planned):`,
        `  first full run: ${(r.first.wallMs / 1000).toFixed(1)} s, ${r.first.fieldsWritten} fields written, ${r.first.tasksOpened} Tasks opened, ${r.first.apiCalls} API calls`,
        `  second full run: ${(r.second.wallMs / 1000).toFixed(1)} s, ${r.second.fieldsWritten} fields written, ${r.second.tasksOpened} Tasks opened, ${r.second.apiCalls} API calls (the org counted ${r.secondOrgCounted}, with the plan's mapping check and this bench's limits reads)`,
        `  rows read: ${rows.openParents} open deals + ${rows.openChildren} child rows; ${rows.closedParents} closed deals in the benchmark window + ${rows.closedChildren} child rows`,
        `  platform minimum: ${r.minimum} calls; the second run used ${(r.second.apiCalls / r.minimum).toFixed(3)}× of it (${(r.secondOrgCounted / r.minimum).toFixed(3)}× as the org counted)`,
        `  worker peak RSS: ${r.firstPeakMb} MB in the first run, ${r.peakMb} MB in the second (${r.idleMb} MB idle before them)`,
      ].join('\n'),
    );
  }
  const [small, large] = [results.find((r) => r.opportunities === 10_000), results.find((r) => r.opportunities === 100_000)];
  const peak = (r: SizeFigures) => Math.max(r.firstPeakMb, r.peakMb);
  if (small && large) console.log(`worker peak RSS at 100,000 / at 10,000: ${(peak(large) / peak(small)).toFixed(2)}×`);
});
