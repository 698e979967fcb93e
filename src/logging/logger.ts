import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { REDACTED, redactionPaths } from './redaction.js';

export type { Logger } from 'pino';

/**
 * The one way dealrisk makes a logger. JSON on stderr by default (stdout is for command output,
 * such as reports and printed credentials); pretty only when asked for and stderr is a terminal.
 * Secrets are redacted whatever the level.
 */
export function createLogger(log: Config['log'], destination?: DestinationStream): Logger {
  const options = {
    level: log.level,
    base: { service: 'dealrisk' },
    redact: { paths: redactionPaths(), censor: REDACTED },
    serializers: { err: pino.stdSerializers.err },
  };
  if (destination) return pino(options, destination);
  if (log.pretty && process.stderr.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2 } } });
  }
  return pino(options, pino.destination(2));
}
