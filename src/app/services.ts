import type { Config } from '../config/schema.js';
import type { Logger } from '../logging/logger.js';
import { createRedisConnection, type RedisConnection } from '../queue/connection.js';
import { RedisBulkBuckets } from '../queue/bulk-buckets.js';
import { RunReportStore } from '../queue/run-reports.js';
import { RunState } from '../queue/run-state.js';
import { loadAdminFiles, openSalesforceSession, type AdminFiles, type SalesforceSession } from '../sync/session.js';

/**
 * What a process builds once and hands to its commands and processors: config, logger, the admin
 * files, one logged-in Salesforce session (reused across jobs: Salesforce allows 3,600 logins per
 * user an hour, and jsforce renews an expired session itself) and one Redis connection for state.
 */
export interface Services {
  config: Config;
  logger: Logger;
  /** The playbook and mapping, read and checked on first use. */
  admin(): AdminFiles;
  /** The process's one Salesforce login; a failed login is forgotten so the next job tries again. */
  salesforce(): Promise<SalesforceSession>;
  runState: RunState;
  /** Each Bulk-read run's rows by batch. */
  bulkBuckets: RedisBulkBuckets;
  /** The last runs' reports (`dealrisk status`). */
  runReports: RunReportStore;
  redis: RedisConnection;
  close(): Promise<void>;
}

/** The composition root: built once per process (worker, sync, demo). */
export function createServices(config: Config, logger: Logger): Services {
  let admin: AdminFiles | undefined;
  let session: Promise<SalesforceSession> | undefined;
  const redis = createRedisConnection(config.redis);
  // Without a listener a Redis outage would be an unhandled 'error' event; BullMQ's own clients report it too.
  redis.on('error', (err: Error) => logger.debug({ err }, 'redis connection error'));
  return {
    config,
    logger,
    admin: () => (admin ??= loadAdminFiles(config)),
    salesforce: () => {
      session ??= openSalesforceSession(config).catch((error: unknown) => {
        session = undefined;
        throw error;
      });
      return session;
    },
    runState: new RunState(redis, config.redis.prefix),
    bulkBuckets: new RedisBulkBuckets(redis, config.redis.prefix),
    runReports: new RunReportStore(redis, config.redis.prefix),
    redis,
    close: () => {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}
