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

/**
 * A child logger for chatty parts (request logs of the local org, a worker inside the demo):
 * at warn unless the user asked for debug or trace, so command output stays readable.
 */
export function quietChild(logger: Logger, bindings: Record<string, unknown>): Logger {
  const debugging = logger.level === 'debug' || logger.level === 'trace';
  return logger.child(bindings, { level: debugging ? logger.level : 'warn' });
}
