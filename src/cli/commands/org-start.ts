import { existsSync, readFileSync } from 'node:fs';
import type { LocalOrgOptions } from '@dealrisk/local-org';
import { bundledSalesforceSourceDir } from '../../config/bundled.js';
import { quietChild } from '../../logging/logger.js';
import { EXIT, type CommandContext } from '../context.js';
import { waitForStopSignal } from '../signals.js';

/** The flags of `dealrisk org start`, as commander hands them over (strings until checked). */
export interface OrgStartFlags {
  host: string;
  port: string;
  loginPort?: string;
  dataset: string;
  /** --source-dir, repeated. */
  sourceDir?: string[];
  opportunities?: string;
  seed?: string;
  asOf?: string;
  apiLimit?: string;
  faults?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  jwtCert?: string;
  tokenTtl?: string;
}

class FlagError extends Error {}

function wholeNumber(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new FlagError(`--${flag}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/** Checks the flags and turns them into {@link LocalOrgOptions}; throws FlagError with a one-line reason. */
function orgOptionsFromFlags(flags: OrgStartFlags): LocalOrgOptions {
  const port = wholeNumber('port', flags.port, 0, 65_535);
  // The login host sits next to the My Domain unless told otherwise; with --port 0 both pick a free port.
  const loginPort = flags.loginPort === undefined ? (port === 0 ? 0 : port + 1) : wholeNumber('login-port', flags.loginPort, 0, 65_535);
  if (loginPort > 65_535) throw new FlagError(`--login-port: --port ${port} leaves no next port; give --login-port`);
  if (loginPort !== 0 && loginPort === port) throw new FlagError('--login-port: must differ from --port');
  const options: LocalOrgOptions = { host: flags.host, port, loginPort };
  if (flags.dataset === 'demo' || flags.dataset === 'empty') options.dataset = flags.dataset;
  else if (existsSync(flags.dataset)) options.dataset = flags.dataset;
  else throw new FlagError(`--dataset: expected demo, empty or an existing JSON file, got "${flags.dataset}"`);
  for (const dir of flags.sourceDir ?? []) {
    if (!existsSync(dir)) throw new FlagError(`--source-dir: expected an SFDX project or source folder, got "${dir}"`);
  }
  // dealrisk's own metadata unless the org's own is given.
  options.sourceDirs = flags.sourceDir?.length ? flags.sourceDir : [bundledSalesforceSourceDir()];
  if (flags.opportunities !== undefined) options.opportunities = wholeNumber('opportunities', flags.opportunities, 0, 1_000_000);
  if (flags.seed !== undefined) options.seed = wholeNumber('seed', flags.seed, 0);
  if (flags.asOf !== undefined) {
    const asOf = new Date(flags.asOf);
    const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(flags.asOf);
    // new Date() rolls 2026-02-30 over to March; refuse days the month does not have.
    const realDay = ymd !== null && Number(ymd[3]) >= 1 && Number(ymd[3]) <= new Date(Date.UTC(Number(ymd[1]), Number(ymd[2]), 0)).getUTCDate();
    if (!realDay || Number.isNaN(asOf.getTime())) {
      throw new FlagError(`--as-of: expected an ISO 8601 date or date-time such as 2026-03-31 or 2026-03-31T09:00:00Z, got "${flags.asOf}"`);
    }
    options.asOf = asOf;
  }
  if (flags.apiLimit !== undefined) options.apiLimit = wholeNumber('api-limit', flags.apiLimit, 1);
  // The org checks each fault key and value itself (a bad one is a SetupError naming it).
  if (flags.faults !== undefined) options.faults = flags.faults;
  if (flags.tokenTtl !== undefined) options.tokenTtlSeconds = wholeNumber('token-ttl', flags.tokenTtl, 1);
  const credentials = { username: flags.username, password: flags.password, clientId: flags.clientId, clientSecret: flags.clientSecret };
  for (const [name, value] of Object.entries(credentials)) {
    if (value === '') throw new FlagError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: must not be empty`);
  }
  options.credentials = Object.fromEntries(Object.entries(credentials).filter(([, value]) => value !== undefined));
  if (flags.jwtCert !== undefined) {
    try {
      options.jwtCertificate = readFileSync(flags.jwtCert, 'utf8');
    } catch {
      throw new FlagError(`--jwt-cert: cannot read "${flags.jwtCert}"`);
    }
  }
  return options;
}

/** The faults that are on, as `--faults` takes them; 'none' when all are off. */
function faultsText(faults: Readonly<Record<string, number>>): string {
  const on = Object.entries(faults).filter(([, value]) => value !== 0);
  return on.length === 0 ? 'none' : on.map(([key, value]) => `${key}=${value}`).join(',');
}

/**
 * `dealrisk org start`: serves the local Salesforce org until SIGINT/SIGTERM, after printing where
 * to log in and the (demo) credentials it accepts.
 */
export async function orgStart(ctx: CommandContext, flags: OrgStartFlags, waitForStop = waitForStopSignal): Promise<number> {
  let options: LocalOrgOptions;
  try {
    options = orgOptionsFromFlags(flags);
  } catch (error) {
    if (error instanceof FlagError) {
      ctx.stderr.write(`dealrisk org start: ${error.message}\n`);
      return EXIT.badConfig;
    }
    throw error;
  }
  // Loaded here, not at the top: a worker never needs the local org (nor Fastify or faker).
  const { DEFAULT_API_LIMIT, DEFAULT_DEMO_OPPORTUNITIES, DEFAULT_TOKEN_TTL_SECONDS, isDatasetError, isSetupError, startLocalOrg } = await import('@dealrisk/local-org');
  // Request logs only when asked for (LOG_LEVEL=debug or trace); errors always.
  const logger = quietChild(ctx.logger, { component: 'local-org' });
  const stopped = waitForStop();
  const started = Date.now();
  let org;
  try {
    org = await startLocalOrg({ ...options, logger });
  } catch (error) {
    if (isDatasetError(error) || isSetupError(error)) {
      ctx.stderr.write(`dealrisk org start: ${error.message}\n`);
      return EXIT.badConfig;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const taken = (error as { port?: number }).port ?? options.port;
      ctx.stderr.write(`dealrisk org start: port ${taken} on ${flags.host} is already in use; pick others with --port and --login-port (0 picks a free one)\n`);
      return EXIT.failure;
    }
    throw error;
  }
  const c = org.credentials;
  const datasetText =
    options.dataset === 'demo'
      ? `demo (${options.opportunities ?? DEFAULT_DEMO_OPPORTUNITIES} opportunities, seed ${options.seed ?? 1})`
      : flags.dataset;
  ctx.stdout.write(
    [
      `Local Salesforce org ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  My Domain URL: ${org.myDomainUrl}   (instance URL; every OAuth flow, client_credentials only here)`,
      `  login URL:     ${org.loginUrl}   (generic login host, as login.salesforce.com; JWT audience)`,
      `  username:      ${c.username}`,
      `  password:      ${c.password}`,
      `  client id:     ${c.clientId}`,
      `  client secret: ${c.clientSecret}`,
      `  org id:        ${org.orgId}`,
      `  dataset:       ${datasetText}`,
      `  metadata:      ${options.sourceDirs?.join(', ')}`,
      `  API limit:     ${options.apiLimit ?? DEFAULT_API_LIMIT} requests; tokens live ${options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS} s`,
      `  JWT bearer:    ${options.jwtCertificate ? 'enabled' : 'disabled (pass --jwt-cert <pem>)'}`,
      `  faults:        ${faultsText(org.faults())} (change them at ${org.myDomainUrl}/_local/faults, not a Salesforce resource)`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const signal = await stopped;
  await org.stop();
  ctx.stdout.write(`Local Salesforce org stopped (${signal}).\n`);
  return EXIT.ok;
}
