// API calls of a run's deal read, REST (query with child subqueries, a full run's batches of 2,000) against
// Bulk API 2.0 (one query job per object), on the strict local org at 10,000 and 100,000 demo
// opportunities (seed 1), per 1,000 open deals, next to each path's platform minimum for the same
// rows; then a full run through the CLI with the Bulk path (SYNC_BULK_THRESHOLD=1), in its own
// process under /usr/bin/time, for the worker's peak resident memory and the run's wall-clock time.
// The threshold in docs/architecture.md ("Reading at scale") is derived from these numbers.
// Run: npx vitest bench --run --project unit bench/read-paths.bench.ts
// (BENCH_OPPORTUNITIES=10000 for the smaller org only; BENCH_SKIP_REST=1 leaves out the REST read,
// which takes thousands of calls at 100,000; BENCH_CLI_PATHS=rest (bulk,rest; none) picks the CLI runs,
// by default both up to 10,000 opportunities and Bulk only beyond; needs Redis at 127.0.0.1:6379.)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, bench, describe } from 'vitest';
import { startLocalOrg, type LocalOrg } from '@dealrisk/local-org';
import { bundledSalesforceSourceDir } from '../src/config/bundled.js';
import { loadPlaybookFile } from '../src/config/playbook-file.js';
import { applyMapping } from '../src/mapping/apply-mapping.js';
import { defaultMapping } from '../src/mapping/mapping-file.js';
import { createRedisConnection } from '../src/queue/connection.js';
import { FULL_RUN_BATCH_SIZE as BATCH_SIZE } from '../src/sync/plan-run.js';
import { BULK_OBJECTS } from '../src/sync/bulk-read-port.js';
import { dealReadOptions, filterableRiskFields } from '../src/sync/deal-options.js';
import { salesforceEnv } from '../test/support/local-org.js';
import { portFor } from '../test/support/sync.js';

const SIZES = (process.env.BENCH_OPPORTUNITIES ?? '10000,100000').split(',').map(Number);
const REST_PAGE_ROWS = 2_000;
const BULK_PAGE_ROWS = 50_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const mapping = defaultMapping();
const options = dealReadOptions(applyMapping(loadPlaybookFile('config/playbook.yaml'), mapping), mapping);
const lines: string[] = [];

/** A full run through the CLI in its own process; its peak resident memory (KB, from /usr/bin/time) and wall-clock time. */
function cliRun(org: LocalOrg, prefix: string, bulkThreshold: number): Promise<{ peakMb: number; seconds: number; report: string }> {
  const started = performance.now();
  const args = ['-f', 'peak-rss-kb=%M', process.execPath, '--conditions=source', '--import', pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href, `${root}src/cli/main.ts`, 'sync', '--full', '--local-worker'];
  const env = { PATH: process.env.PATH ?? '', NODE_OPTIONS: '', DEALRISK_QUEUE_PREFIX: prefix, ...salesforceEnv(org), LOG_LEVEL: 'warn', SYNC_BULK_THRESHOLD: String(bulkThreshold) };
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, { cwd: root, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const kb = Number(/peak-rss-kb=(\d+)/.exec(err)?.[1]);
      if (code !== 0 || !kb) reject(new Error(`sync exited ${code}: ${out} ${err}`));
      else resolve({ peakMb: Math.round(kb / 1024), seconds: (performance.now() - started) / 1000, report: out });
    });
  });
}

for (const opportunities of SIZES) {
  describe(`${opportunities.toLocaleString('en-US')} demo opportunities`, () => {
    let org: LocalOrg | undefined;
    const per1000 = (calls: number, open: number) => ((calls / open) * 1000).toFixed(1);

    bench(
      'REST and Bulk reads of a full run\'s deals, API calls per 1,000 open deals',
      async () => {
        org = await startLocalOrg({ host: '127.0.0.1', port: 0, dataset: 'demo', opportunities, seed: 1, asOf: new Date(), sourceDirs: [bundledSalesforceSourceDir()] });
        const salesforce = await portFor(org);
        const ids = await salesforce.plannedDealIds({ filterableRiskFields: filterableRiskFields(mapping) });

        let before = org.apiUsage().used;
        let restRows = 0;
        let open = 0;
        const skipRest = process.env.BENCH_SKIP_REST === '1';
        for (let start = 0; start < (skipRest ? 0 : ids.length); start += BATCH_SIZE) {
          for await (const { deal } of salesforce.dealsById(ids.slice(start, start + BATCH_SIZE), options)) {
            if (!deal.IsClosed) open += 1;
            // Rows a REST page counts: the deal and its child rows (nested who-relations do not count).
            restRows += 1 + deal.contactRoles.length + deal.history.length + deal.fieldHistory.length + deal.activities.length;
          }
        }
        const restCalls = org.apiUsage().used - before;

        before = org.apiUsage().used;
        let bulkMinimum = 0;
        let bulkRows = 0;
        const scope = { kind: 'full', filterableRiskFields: filterableRiskFields(mapping) } as const;
        for (const object of BULK_OBJECTS) {
          let rows = 0;
          for await (const page of salesforce.bulkRows(object, options, scope)) rows += page.length;
          bulkRows += rows;
          // Create, one poll, the results pages (an empty result is still one page).
          bulkMinimum += 2 + Math.max(1, Math.ceil(rows / BULK_PAGE_ROWS));
        }
        const bulkCalls = org.apiUsage().used - before;

        const open1000 = skipRest ? `${ids.length} planned deals` : `${ids.length} planned deals (${open} open)`;
        lines.push(`${opportunities} opportunities, ${open1000}:`);
        if (!skipRest) {
          lines.push(
            `  REST: ${restCalls} calls for ${restRows} rows in ${Math.ceil(ids.length / BATCH_SIZE)} batches = ${per1000(restCalls, open)} per 1,000 open deals; platform minimum ceil(rows/2000) = ${Math.ceil(restRows / REST_PAGE_ROWS)} (${per1000(Math.ceil(restRows / REST_PAGE_ROWS), open)} per 1,000)`,
            `  Bulk: ${bulkCalls} calls for ${bulkRows} rows in ${BULK_OBJECTS.length} jobs = ${per1000(bulkCalls, open)} per 1,000 open deals; platform minimum create+poll+pages = ${bulkMinimum} (${per1000(bulkMinimum, open)} per 1,000)`,
            `  REST calls per planned deal ${(restCalls / ids.length).toFixed(4)}: Bulk's ${bulkCalls} calls buy REST reads of ${Math.ceil(bulkCalls / (restCalls / ids.length))} deals`,
          );
        } else lines.push(`  Bulk: ${bulkCalls} calls for ${bulkRows} rows in ${BULK_OBJECTS.length} jobs; platform minimum create+poll+pages = ${bulkMinimum}`);
      },
      { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
    );

    // REST's full run through the CLI by default only up to 10,000 opportunities: at 100,000 it takes thousands of calls.
    const paths = (process.env.BENCH_CLI_PATHS ?? (opportunities <= 10_000 ? 'bulk,rest' : 'bulk')).split(',').filter((p): p is 'bulk' | 'rest' => p === 'bulk' || p === 'rest');
    for (const path of paths) {
      bench(
        `full run through the CLI reading with ${path}: peak worker memory`,
        async () => {
          const prefix = `bench-${path}-${randomUUID().slice(0, 8)}`;
          const run = await cliRun(org!, prefix, path === 'bulk' ? 1 : 0);
          const calls = /Salesforce API calls: (\d+)/.exec(run.report)?.[1];
          lines.push(`  CLI full run reading with ${path} (plan, reads, batches and writes in one process): ${run.seconds.toFixed(0)} s, ${calls} API calls, peak RSS ${run.peakMb} MB`);
          const redis = createRedisConnection('redis://127.0.0.1:6379');
          const keys = await redis.keys(`${prefix}:*`);
          for (let start = 0; start < keys.length; start += 500) await redis.del(...keys.slice(start, start + 500));
          redis.disconnect();
        },
        { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
      );
    }
    afterAll(async () => {
      await org?.stop();
      org = undefined;
    });
  });
}

afterAll(() => {
  console.log(['', `Read paths, measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}:`, ...lines].join('\n'));
});
