import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { REDACTED, redactionPaths } from './redaction.js';

export type { Logger } from 'pino';

/**
 * The one way dealrisk makes a logger. JSON by default; pretty output only when asked for and
 * writing to a terminal. Secrets are redacted whatever the level.
 */
export function createLogger(log: Config['log'], destination?: DestinationStream): Logger {
  const options = {
    level: log.level,
    base: { service: 'dealrisk' },
    redact: { paths: redactionPaths(), censor: REDACTED },
    serializers: { err: pino.stdSerializers.err },
  };
  if (destination) return pino(options, destination);
  if (log.pretty && process.stdout.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 1 } } });
  }
  return pino(options);
}
