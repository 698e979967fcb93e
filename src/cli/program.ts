import { Command } from 'commander';
import { runBacktestCommand, type BacktestFlags } from './commands/backtest.js';
import { runDemo, DEMO_DEFAULT_OPPORTUNITIES, type DemoFlags } from './commands/demo.js';
import { runExplain } from './commands/explain.js';
import { runMappingCheck, runMappingInit } from './commands/mapping.js';
import { runScheduleList, runScheduleRemove, runScheduleSet, type ScheduleSetFlags } from './commands/schedule.js';
import { runStatus, type StatusFlags } from './commands/status.js';
import { runSync, type SyncFlags } from './commands/sync.js';
import { runWorker } from './commands/worker.js';
import { orgStart, type OrgStartFlags } from './commands/org-start.js';
import type { CommandContext } from './context.js';
import { EXIT } from './context.js';

/**
 * Commands that later work fills in. Until then each says what it is waiting for and exits with
 * {@link EXIT.notAvailable}, so a scheduler never mistakes it for a successful run.
 */
const PENDING: Record<string, string> = {
  dashboard: 'the queue dashboard',
};

function pending(name: string, run: Runner): (...args: unknown[]) => Promise<void> {
  return () =>
    run(async (ctx) => {
      ctx.stderr.write(`dealrisk ${name} is not available yet: it needs ${PENDING[name]}.\n`);
      return EXIT.notAvailable;
    });
}

/** Runs a command body with the context the entry point built; the body returns an exit code. */
export type Runner = (body: (ctx: CommandContext) => Promise<number>) => Promise<void>;

/**
 * The whole command tree. Side-effect free to build, so tests (and the compose-file check) can
 * inspect it without running anything.
 */
export function buildProgram(run: Runner): Command {
  const program = new Command('dealrisk')
    .description('Deal-risk scoring for Salesforce: finds the deals that will not close and tells the rep why.')
    .showHelpAfterError('(run dealrisk --help for the list of commands)')
    .showSuggestionAfterError();

  const org = program.command('org').description('the built-in local Salesforce org');
  org
    .command('start')
    .description('serve a local Salesforce org (OAuth, REST query, sObjects, collections, limits) for demos and tests')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', "port of the org's My Domain: the instance URL, every OAuth flow (0 picks a free one)", '4010')
    .option('--login-port <port>', 'port of its generic login host, as login.salesforce.com (default: --port + 1; 0 when --port is 0)')
    .option('--dataset <dataset>', 'demo, empty or a dataset JSON file', 'demo')
    .option(
      '--source-dir <dir>',
      "SFDX source (project or folder) to build the org's custom schema, permission sets and list views from; repeatable (default config/salesforce)",
      (dir: string, dirs: string[] = []) => [...dirs, dir],
    )
    .option('--opportunities <n>', 'opportunities in the demo dataset (default 2000)')
    .option('--seed <seed>', 'seed of the demo dataset (default 1)')
    .option('--as-of <date>', "the org's current time at start-up (ISO 8601)")
    .option('--api-limit <n>', 'daily API requests allowed (default 100000)')
    .option('--faults <spec>', 'faults to throw, key=value,… (latencyMs, http503, http500, lockRow, sessionExpiryCalls, apiLimit, bulkFail, slowQueryMs), drawn from --seed')
    .option('--username <username>', 'username to accept (default demo@dealrisk.local)')
    .option('--password <password>', 'password to accept (default dealrisk-demo)')
    .option('--client-id <id>', 'connected app client id (default dealrisk-local-client)')
    .option('--client-secret <secret>', 'connected app client secret (default dealrisk-local-secret)')
    .option('--jwt-cert <file>', 'PEM certificate or public key that verifies JWT bearer assertions')
    .option('--token-ttl <seconds>', 'access token lifetime in seconds (default 7200)')
    .action((flags: OrgStartFlags) => run((ctx) => orgStart(ctx, flags)));

  program
    .command('sync')
    .description('ask the workers to score every open opportunity and write its risk fields')
    .option('--wait', 'wait for the run to finish and print its result (exit 1 if records were refused)')
    .option('--timeout <seconds>', 'with --wait: how long to wait', '1800')
    .action((flags: SyncFlags) => run((ctx) => runSync(ctx, flags)));
  program
    .command('worker')
    .description('run queue workers until SIGTERM (scale out by starting more, on any machine sharing Redis)')
    .action(() => run((ctx) => runWorker(ctx)));
  const schedule = program.command('schedule').description('recurring sync runs (BullMQ job schedulers in Redis), set from here only');
  schedule
    .command('set')
    .description('create or replace a schedule')
    .argument('<name>', 'the schedule\'s name, e.g. nightly')
    .requiredOption('--cron <pattern>', 'cron pattern, e.g. "0 2 * * *" (six fields: seconds first)')
    .option('--tz <zone>', 'IANA time zone the pattern is read in, e.g. Europe/Berlin', 'UTC')
    .option('--mode <mode>', 'full or incremental', 'full')
    .action((name: string, flags: ScheduleSetFlags) => run((ctx) => runScheduleSet(ctx, name, flags)));
  schedule
    .command('list')
    .description("every schedule with its next run, on its time zone's clock")
    .action(() => run((ctx) => runScheduleList(ctx)));
  schedule
    .command('remove')
    .description('remove a schedule')
    .argument('<name>', "the schedule's name")
    .action((name: string) => run((ctx) => runScheduleRemove(ctx, name)));
  program
    .command('status')
    .description('queue depths, the runs under way and the last runs\' reports')
    .option('--json', 'print the documented JSON shape (docs/status.md) for scripts')
    .option('--runs <n>', 'how many of the last runs to show', '5')
    .action((flags: StatusFlags) => run((ctx) => runStatus(ctx, flags)));
  const mapping = program.command('mapping').description("the admin mapping of the org's fields, stages and picklists (DEALRISK_MAPPING)");
  mapping
    .command('init')
    .description('write the documented default mapping (refuses to overwrite without --force)')
    .option('--force', 'overwrite an existing mapping file')
    .action((flags: { force?: boolean }) => run((ctx) => runMappingInit(ctx, flags)));
  mapping
    .command('check')
    .description("check the mapping against the org's describe and permissions as the integration user (exit 1 if a sync would fail)")
    .action(() => run((ctx) => runMappingCheck(ctx)));
  program
    .command('explain')
    .description("print the full risk breakdown of one opportunity")
    .argument('<opportunityId>', 'the 15- or 18-character Opportunity id')
    .action((opportunityId: string) => run((ctx) => runExplain(ctx, opportunityId)));
  program
    .command('backtest')
    .description("replay the org's closed deals as they stood weeks before closing and report how well the score told won from lost (reads only)")
    .option('--months <n>', 'replay snapshot dates over the last n months', '12')
    .option('--every <days>', 'days between snapshot dates', '7')
    .option('--horizons <days,...>', 'report deals scored this many days before they closed', '30,60,90')
    .option('--json', 'print the report as JSON (shape in docs/backtest.md)')
    .option('--html <file>', 'also write the report as a self-contained HTML page with charts')
    .action((flags: BacktestFlags) => run((ctx) => runBacktestCommand(ctx, flags)));
  program.command('dashboard').description('serve the queue dashboard').action(pending('dashboard', run));
  program
    .command('demo')
    .description('start the local org with demo data and run the main job against it')
    .option('--opportunities <n>', 'opportunities in the demo org', DEMO_DEFAULT_OPPORTUNITIES)
    .option('--seed <seed>', 'seed of the demo data (same seed, same org)', '1')
    .action((flags: DemoFlags) => run((ctx) => runDemo(ctx, flags)));
  return program;
}
