import { z } from 'zod';
import { DEFAULT_API_BUDGET, type ApiBudgetSettings } from '../sync/api-budget.js';

/** The Salesforce OAuth flows dealrisk can use to obtain a session. */
export const AUTH_FLOWS = ['jwt', 'client_credentials', 'refresh_token', 'password', 'access_token'] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings each auth flow cannot work without (checked only when that flow is chosen). */
const REQUIRED_BY_FLOW: Record<AuthFlow, readonly (keyof EnvInput)[]> = {
  jwt: ['SF_CLIENT_ID', 'SF_USERNAME', 'SF_PRIVATE_KEY_FILE'],
  client_credentials: ['SF_CLIENT_ID', 'SF_CLIENT_SECRET'],
  refresh_token: ['SF_CLIENT_ID', 'SF_REFRESH_TOKEN'],
  // jsforce falls back to the SOAP login without a client secret, so require one.
  password: ['SF_CLIENT_ID', 'SF_CLIENT_SECRET', 'SF_USERNAME', 'SF_PASSWORD'],
  access_token: ['SF_ACCESS_TOKEN', 'SF_INSTANCE_URL'],
};

/** Salesforce's generic login hosts: shared by every org, unlike an org's My Domain. */
const GENERIC_LOGIN_HOSTS: ReadonlySet<string> = new Set(['login.salesforce.com', 'test.salesforce.com']);
const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

const hostOf = (url: string): string => new URL(url).hostname.toLowerCase();

/**
 * The JWT audience when SF_JWT_AUDIENCE is unset: https://test.salesforce.com for a sandbox
 * (test.salesforce.com or a `.sandbox.my.salesforce.com` My Domain), else https://login.salesforce.com.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 */
export function defaultJwtAudience(loginUrl: string): string {
  const host = hostOf(loginUrl);
  return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com') ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL;
}

/** A Redis URL ioredis reads as written: `//host`, optional `:port`, optional `/db` number. */
function isUsableRedisUrl(value: string): boolean {
  // Not a URL at all: the url check above already says so.
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  return url.hostname !== '' && /^\/?\d*$/.test(url.pathname);
}

/**
 * Planned deals from which a run reads with Bulk API 2.0 instead of REST; 0, never. Off by default:
 * at 100,000 opportunities Bulk cost 534 calls for a run against REST's 812, but its worker peaked
 * at 513–726 MB against REST's 297 MB and took twice as long (docs/architecture.md, Reading at scale).
 */
export const DEFAULT_BULK_THRESHOLD = 0;

/** How long a login may wait for Salesforce's answer before it fails as "did not answer". */
export const DEFAULT_LOGIN_TIMEOUT_SECONDS = 30;

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
/** A share of the org's daily API allowance, in whole percent. */
const percentSetting = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole number of percent from 1 to 100' })
    .int('expected a whole number of percent from 1 to 100')
    .min(1, 'expected a whole number of percent from 1 to 100')
    .max(100, 'expected a whole number of percent from 1 to 100')
    .default(fallback);
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. https://login.salesforce.com' });

/**
 * Every environment setting dealrisk reads, with its default. `.env.example` and the README
 * document each key; keep the three in step.
 */
export const envSchema = z
  .object({
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
      // ioredis reads `redis:host` or `redis://` as localhost and a non-numeric path as no database.
      .refine(isUsableRedisUrl, 'expected a redis:// or rediss:// URL with a host and at most a database number, e.g. redis://127.0.0.1:6379/0')
      .default('redis://127.0.0.1:6379'),
    // Braces make the prefix a Redis Cluster hash tag: every queue key then lands in one slot.
    DEALRISK_QUEUE_PREFIX: z
      .string()
      .regex(/^([A-Za-z0-9_-]+|\{[A-Za-z0-9_-]+\})$/, 'expected letters, digits, "-" or "_", optionally in braces as a Redis Cluster hash tag ({dealrisk})')
      .default('dealrisk'),
    REDIS_CLUSTER: z.stringbool({ error: 'expected true or false' }).default(false),
    WORKER_CONCURRENCY: z.coerce
      .number({ error: 'expected a whole number from 1 to 100' })
      .int('expected a whole number from 1 to 100')
      .min(1, 'expected a whole number from 1 to 100')
      .max(100, 'expected a whole number from 1 to 100')
      // Two 2,000-deal batches keep a core busy while the other waits on Salesforce; at four the
      // worker's peak passed 300 MB at 100,000 opportunities for no faster run. Scale out with processes.
      .default(2),
    // Below the orchestrator's stop timeout (docker compose stop_grace_period: 60s), so the worker
    // hands its unfinished jobs back before it is killed.
    WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce
      .number({ error: 'expected a whole number of seconds from 0 to 3600' })
      .int('expected a whole number of seconds from 0 to 3600')
      .min(0, 'expected a whole number of seconds from 0 to 3600')
      .max(3600, 'expected a whole number of seconds from 0 to 3600')
      .default(50),
    // The API budget guard (src/sync/api-budget.ts): every integration of the org shares its daily allowance.
    DEALRISK_API_BUDGET_START_PERCENT: percentSetting(DEFAULT_API_BUDGET.startLimitPercent),
    DEALRISK_API_BUDGET_RUN_PERCENT: percentSetting(DEFAULT_API_BUDGET.runLimitPercent),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    LOG_PRETTY: z.stringbool({ error: 'expected true or false' }).default(false),
    DEALRISK_MAPPING: z.string().min(1, 'expected a file path').default('config/mapping.yaml'),
    DEALRISK_PLAYBOOK: z.string().min(1, 'expected a file path').default('config/playbook.yaml'),
    SF_LOGIN_URL: httpUrl.default(PRODUCTION_LOGIN_URL),
    SF_JWT_AUDIENCE: z.preprocess(emptyAsUndefined, httpUrl.optional()),
    SF_AUTH_FLOW: z.preprocess(
      emptyAsUndefined,
      z.enum(AUTH_FLOWS, { error: `expected one of ${AUTH_FLOWS.join(', ')}` }).optional(),
    ),
    SF_CLIENT_ID: optionalString,
    SF_CLIENT_SECRET: optionalString,
    SF_USERNAME: optionalString,
    SF_PASSWORD: optionalString,
    SF_PRIVATE_KEY_FILE: optionalString,
    SF_REFRESH_TOKEN: optionalString,
    SF_ACCESS_TOKEN: optionalString,
    SF_INSTANCE_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
    SF_API_VERSION: z
      .string()
      .regex(/^\d{2}\.0$/, 'expected a Salesforce API version such as 62.0')
      .default('62.0'),
    SF_LOGIN_TIMEOUT_SECONDS: z.coerce
      .number({ error: 'expected a whole number of seconds from 1 to 600' })
      .int('expected a whole number of seconds from 1 to 600')
      .min(1, 'expected a whole number of seconds from 1 to 600')
      .max(600, 'expected a whole number of seconds from 1 to 600')
      .default(DEFAULT_LOGIN_TIMEOUT_SECONDS),
    // Rows can commit with a SystemModstamp behind a run's start (a long transaction): an
    // incremental run re-reads this far before the watermark, and the diff keeps re-reads free.
    SYNC_LOOKBACK_MINUTES: z.coerce
      .number({ error: 'expected a whole number of minutes from 0 to 1440' })
      .int('expected a whole number of minutes from 0 to 1440')
      .min(0, 'expected a whole number of minutes from 0 to 1440')
      .max(1440, 'expected a whole number of minutes from 0 to 1440')
      .default(10),
    // Measured on the strict local org (bench/read-paths.bench.ts, docs/architecture.md "Reading at scale").
    SYNC_BULK_THRESHOLD: z.coerce
      .number({ error: 'expected a whole number of deals, 0 to never read with Bulk API 2.0' })
      .int('expected a whole number of deals, 0 to never read with Bulk API 2.0')
      .min(0, 'expected a whole number of deals, 0 to never read with Bulk API 2.0')
      .default(DEFAULT_BULK_THRESHOLD),
  })
  .superRefine((env, ctx) => {
    // BullMQ's scripts touch several keys of a queue at once, which a Redis Cluster allows only
    // within one slot: https://docs.bullmq.io/bull/patterns/redis-cluster
    if (env.REDIS_CLUSTER && !/^\{.+\}$/.test(env.DEALRISK_QUEUE_PREFIX)) {
      ctx.addIssue({ code: 'custom', path: ['DEALRISK_QUEUE_PREFIX'], message: `on a Redis Cluster it must be a hash tag in braces, e.g. {${env.DEALRISK_QUEUE_PREFIX}}` });
    }
    if (env.REDIS_CLUSTER && URL.canParse(env.REDIS_URL) && !/^\/?0?$/.test(new URL(env.REDIS_URL).pathname)) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'a Redis Cluster has database 0 only: leave the database number out' });
    }
    if (!env.SF_AUTH_FLOW) return;
    for (const key of REQUIRED_BY_FLOW[env.SF_AUTH_FLOW]) {
      if (env[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `required when SF_AUTH_FLOW=${env.SF_AUTH_FLOW}` });
      }
    }
    // Which flow needs which URL: Salesforce refuses client credentials on its generic login hosts
    // (https://help.salesforce.com/s/articleView?id=000886201), and a JWT for a My Domain audience.
    if (env.SF_AUTH_FLOW === 'client_credentials' && GENERIC_LOGIN_HOSTS.has(hostOf(env.SF_LOGIN_URL))) {
      ctx.addIssue({
        code: 'custom',
        path: ['SF_LOGIN_URL'],
        message:
          "client_credentials needs your org's My Domain URL (https://<domain>.my.salesforce.com, or https://<domain>--<sandbox>.sandbox.my.salesforce.com); login.salesforce.com and test.salesforce.com refuse it",
      });
    }
    if (env.SF_AUTH_FLOW === 'jwt' && env.SF_JWT_AUDIENCE !== undefined && hostOf(env.SF_JWT_AUDIENCE).endsWith('.my.salesforce.com')) {
      ctx.addIssue({
        code: 'custom',
        path: ['SF_JWT_AUDIENCE'],
        message: `the JWT audience is the generic login URL (${PRODUCTION_LOGIN_URL}, or ${SANDBOX_LOGIN_URL} for a sandbox), never a My Domain; SF_LOGIN_URL may be the My Domain`,
      });
    }
  });

type EnvInput = z.input<typeof envSchema>;
export type Env = z.output<typeof envSchema>;

/** The parsed configuration, grouped by concern and passed down from the entry point. */
export interface Config {
  redis: {
    url: string;
    prefix: string;
    /** REDIS_URL names one node of a Redis Cluster, which ioredis asks for the others. */
    cluster: boolean;
  };
  worker: { concurrency: number; shutdownGraceMs: number };
  /** How runs pick their deals, and the API budget guard's thresholds (percent of the org's daily allowance). */
  sync: {
    /** An incremental run reads changes from the watermark minus this. */
    lookBackMs: number;
    apiBudget: ApiBudgetSettings;
    /** A run planning at least this many deals reads them with Bulk API 2.0 (0: never). */
    bulkThreshold: number;
  };
  log: { level: (typeof LOG_LEVELS)[number]; pretty: boolean };
  files: { mapping: string; playbook: string };
  salesforce: {
    /** Where dealrisk logs in: the OAuth token endpoint's host (login.salesforce.com or a My Domain). */
    loginUrl: string;
    /** The `aud` of JWT bearer assertions: the generic login URL (never a My Domain). */
    jwtAudience: string;
    authFlow?: AuthFlow | undefined;
    clientId?: string | undefined;
    clientSecret?: string | undefined;
    username?: string | undefined;
    password?: string | undefined;
    privateKeyFile?: string | undefined;
    refreshToken?: string | undefined;
    accessToken?: string | undefined;
    instanceUrl?: string | undefined;
    apiVersion: string;
    /** Longest wait for a login's (or a session renewal's) answer; {@link DEFAULT_LOGIN_TIMEOUT_SECONDS} when not given. */
    loginTimeoutMs?: number | undefined;
  };
}

export function toConfig(env: Env): Config {
  return {
    redis: { url: env.REDIS_URL, prefix: env.DEALRISK_QUEUE_PREFIX, cluster: env.REDIS_CLUSTER },
    worker: { concurrency: env.WORKER_CONCURRENCY, shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000 },
    sync: {
      lookBackMs: env.SYNC_LOOKBACK_MINUTES * 60_000,
      apiBudget: { startLimitPercent: env.DEALRISK_API_BUDGET_START_PERCENT, runLimitPercent: env.DEALRISK_API_BUDGET_RUN_PERCENT },
      bulkThreshold: env.SYNC_BULK_THRESHOLD,
    },
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY },
    files: { mapping: env.DEALRISK_MAPPING, playbook: env.DEALRISK_PLAYBOOK },
    salesforce: {
      loginUrl: env.SF_LOGIN_URL,
      jwtAudience: env.SF_JWT_AUDIENCE ?? defaultJwtAudience(env.SF_LOGIN_URL),
      authFlow: env.SF_AUTH_FLOW,
      clientId: env.SF_CLIENT_ID,
      clientSecret: env.SF_CLIENT_SECRET,
      username: env.SF_USERNAME,
      password: env.SF_PASSWORD,
      privateKeyFile: env.SF_PRIVATE_KEY_FILE,
      refreshToken: env.SF_REFRESH_TOKEN,
      accessToken: env.SF_ACCESS_TOKEN,
      instanceUrl: env.SF_INSTANCE_URL,
      apiVersion: env.SF_API_VERSION,
      loginTimeoutMs: env.SF_LOGIN_TIMEOUT_SECONDS * 1000,
    },
  };
}
