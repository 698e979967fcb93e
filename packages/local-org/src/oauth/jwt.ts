import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** What a JWT bearer assertion must say to be accepted. */
export interface JwtExpectations {
  clientId: string;
  username: string;
  /** Accepted `aud` values (login URLs). */
  audiences: readonly string[];
  /** Now in milliseconds on the real clock: the client signs `exp` with its own clock, not the org's (--as-of). */
  nowMs: number;
}

/** Why an assertion was refused, as the token endpoint reports it. */
export interface JwtRefusal {
  error: 'invalid_grant' | 'invalid_client_id';
  description: string;
}

/** Reads the certificate (or public key) PEM the connected app was configured with. */
export function jwtVerificationKey(pem: string): KeyObject {
  return createPublicKey(pem);
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks an RS256 JWT bearer assertion as Salesforce does: signature against the connected app's
 * certificate, `iss` = consumer key, `sub` = username, `aud` = a login URL, `exp` in the future.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
 * Returns undefined when the assertion is good.
 */
export function checkJwtAssertion(assertion: string, key: KeyObject | undefined, expect: JwtExpectations): JwtRefusal | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return { error: 'invalid_grant', description: 'invalid assertion' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload || header.alg !== 'RS256') return { error: 'invalid_grant', description: 'invalid assertion' };
  if (payload.iss !== expect.clientId) return { error: 'invalid_client_id', description: 'client identifier invalid' };
  if (!key) return { error: 'invalid_grant', description: 'invalid assertion: no certificate is configured for JWT bearer' };
  const signed = verify('RSA-SHA256', Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'));
  if (!signed) return { error: 'invalid_grant', description: 'invalid assertion' };
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const trimmed = expect.audiences.map((aud) => aud.replace(/\/+$/, ''));
  if (!audiences.some((aud) => typeof aud === 'string' && trimmed.includes(aud.replace(/\/+$/, '')))) {
    return { error: 'invalid_grant', description: 'audience is invalid' };
  }
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= expect.nowMs) {
    return { error: 'invalid_grant', description: 'expired authorization code' };
  }
  if (typeof payload.sub !== 'string' || payload.sub.toLowerCase() !== expect.username.toLowerCase()) {
    return { error: 'invalid_grant', description: 'user hasn\'t approved this consumer' };
  }
  return undefined;
}
