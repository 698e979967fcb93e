/**
 * Property names whose values are secrets. Matched at any depth up to {@link MAX_DEPTH}
 * (pino's redaction works on paths, so each name is expanded into wildcard paths).
 */
export const SECRET_KEYS = [
  'password',
  'passwd',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'sessionId',
  'session_id',
  'assertion',
  'privateKey',
  'private_key',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'SF_PASSWORD',
  'SF_CLIENT_SECRET',
  'SF_ACCESS_TOKEN',
  'SF_REFRESH_TOKEN',
] as const;

const MAX_DEPTH = 4;

export const REDACTED = '[Redacted]';

/** Wildcard paths for pino's `redact` option: `key`, `*.key`, `*.*.key`, … */
export function redactionPaths(): string[] {
  const paths: string[] = [];
  for (const key of SECRET_KEYS) {
    for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
      paths.push([...Array<string>(depth).fill('*'), key].join('.'));
    }
  }
  return paths;
}
