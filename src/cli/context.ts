import type { Config } from '../config/schema.js';
import type { Logger } from '../logging/logger.js';

/** What every command receives: parsed configuration, a logger and the two output streams. */
export interface CommandContext {
  config: Config;
  logger: Logger;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Exit codes the CLI uses, so scripts and schedulers can tell failures apart. */
export const EXIT = {
  ok: 0,
  failure: 1,
  badConfig: 2,
  notAvailable: 3,
} as const;
