import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from '../errors/config-error.js';
import { envSchema, toConfig, type Config } from './schema.js';

export type EnvSource = Record<string, string | undefined>;

/**
 * Reads the environment merged over `.env` (the environment wins), validates it once and
 * returns the typed configuration. Throws {@link ConfigError} naming every bad key; never
 * echoes a value, because some of them are secrets.
 */
export function loadConfig(env: EnvSource, dotenvPath: string | undefined = '.env'): Config {
  const fromFile = dotenvPath && existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath)) : {};
  const result = envSchema.safeParse({ ...fromFile, ...env });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ key: issue.path.join('.') || '(root)', problem: issue.message })),
    );
  }
  return toConfig(result.data);
}
