import { randomBytes } from 'node:crypto';
import type { OrgClock } from '../model.js';

/** Who an access token acts as. */
export interface Session {
  userId: string;
  clientId: string;
  /** Org-clock milliseconds after which the token answers INVALID_SESSION_ID. */
  expiresAt: number;
}

/**
 * The org's OAuth sessions: access tokens that expire on the org clock and refresh tokens that
 * live until the org stops. Tokens are random and held in memory only.
 */
export class SessionStore {
  private readonly accessTokens = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string }>();

  constructor(
    private readonly orgId: string,
    private readonly clock: OrgClock,
    private readonly ttlSeconds: number,
  ) {}

  /** Issues an access token shaped like Salesforce's (`00D…!` + random). */
  issueAccessToken(userId: string, clientId: string): string {
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
    this.accessTokens.set(token, { userId, clientId, expiresAt: this.clock.now().getTime() + this.ttlSeconds * 1000 });
    return token;
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const token = `5Aep861${randomBytes(40).toString('base64url')}`;
    this.refreshTokens.set(token, { userId, clientId });
    return token;
  }

  /** The live session of an access token; expired tokens are forgotten. */
  session(accessToken: string): Session | undefined {
    const session = this.accessTokens.get(accessToken);
    if (!session) return undefined;
    if (this.clock.now().getTime() >= session.expiresAt) {
      this.accessTokens.delete(accessToken);
      return undefined;
    }
    return session;
  }

  refreshGrant(refreshToken: string): { userId: string; clientId: string } | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  /**
   * Revokes an access or refresh token (`POST /services/oauth2/revoke`); false when it is unknown.
   * Revoking a refresh token also ends the access tokens issued to the same user and client.
   */
  revoke(token: string): boolean {
    if (this.accessTokens.delete(token)) return true;
    const grant = this.refreshTokens.get(token);
    if (!grant) return false;
    this.refreshTokens.delete(token);
    for (const [access, session] of this.accessTokens) {
      if (session.userId === grant.userId && session.clientId === grant.clientId) this.accessTokens.delete(access);
    }
    return true;
  }

  /** Ends every access session now (refresh tokens stay valid), as a timeout or admin logout would. */
  expireAll(): void {
    this.accessTokens.clear();
  }
}
