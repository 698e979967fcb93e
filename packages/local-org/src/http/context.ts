import type { KeyObject } from 'node:crypto';
import type { UserView } from '../access/index.js';
import type { ListViews } from '../listviews/list-views.js';
import type { OrgClock, OrgSchema } from '../model.js';
import type { SessionStore } from '../oauth/sessions.js';
import type { RecordStore } from '../store/types.js';
import type { QueryCursors } from './query-cursors.js';
import type { ApiUsage } from './usage.js';

/** The credentials the local org accepts (demo values unless overridden). */
export interface LocalOrgCredentials {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
}

/** Everything the HTTP routes share: the org's data, sessions, allowances and identity. */
export interface OrgContext {
  store: RecordStore;
  /** The full schema (what the store writes against); a session sees {@link viewFor}'s. */
  schema: OrgSchema;
  /** The org as one user sees it: field-level security and record visibility. */
  viewFor(userId: string): UserView;
  /** The list views of the source metadata. */
  listViews: ListViews;
  clock: OrgClock;
  sessions: SessionStore;
  usage: ApiUsage;
  cursors: QueryCursors;
  credentials: LocalOrgCredentials;
  orgId: string;
  /** The integration user every login acts as. */
  userId: string;
  /** Key that verifies JWT bearer assertions; without one the JWT flow is refused. */
  jwtKey?: KeyObject;
  /** `http://host:port`, known once the server listens. */
  baseUrl: string;
}

/**
 * The origin a client reached the org through (`http://<Host header>`), used for `instance_url`
 * and identity URLs: in a container the org listens on 0.0.0.0 and other containers reach it by
 * service name (http://org:4010), so a fixed 127.0.0.1 URL would send them nowhere.
 */
export function originOf(request: { protocol: string; host?: string }, org: Pick<OrgContext, 'baseUrl'>): string {
  return request.host ? `${request.protocol}://${request.host}` : org.baseUrl;
}

/** Accepted API versions: 42.0 (first with sObject Collections) to 64.0. */
export const MIN_API_VERSION = 42;
export const MAX_API_VERSION = 64;

/** The `vNN.0` path segment's number when the version is served, else undefined. */
export function parseApiVersion(segment: string): number | undefined {
  const match = /^v(\d{2})\.0$/.exec(segment);
  if (!match) return undefined;
  const version = Number(match[1]);
  return version >= MIN_API_VERSION && version <= MAX_API_VERSION ? version : undefined;
}
