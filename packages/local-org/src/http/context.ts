import type { KeyObject } from 'node:crypto';
import type { UserView } from '../access/index.js';
import type { BulkJobs } from '../bulk/index.js';
import type { OrgFaults } from '../faults/org-faults.js';
import type { ProductionLimits } from '../faults/production-limits.js';
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
  /**
   * The org as one user sees it through one API version: field-level security, record visibility,
   * and only the fields that version has (default: the newest).
   */
  viewFor(userId: string, apiVersion?: number): UserView;
  /** The list views of the source metadata. */
  listViews: ListViews;
  clock: OrgClock;
  sessions: SessionStore;
  usage: ApiUsage;
  cursors: QueryCursors;
  /** Bulk API 2.0 query and ingest jobs. */
  bulk: BulkJobs;
  /** The faults thrown now (--faults, the control endpoint) and the seed their draws come from. */
  faults: OrgFaults;
  faultSeed: number;
  /** Concurrent long requests and logins per hour, as a production org limits them. */
  production: ProductionLimits;
  credentials: LocalOrgCredentials;
  orgId: string;
  /** The integration user every login acts as. */
  userId: string;
  /** Key that verifies JWT bearer assertions; without one the JWT flow is refused. */
  jwtKey?: KeyObject;
  /** Whether the org is a sandbox (Organization.IsSandbox): it then takes test.salesforce.com as a JWT audience. */
  isSandbox: boolean;
  /** The org's My Domain, `http://host:port` once it listens: the instance URL, serving OAuth and the REST API. */
  myDomainUrl: string;
  /** The generic login host (the org's login.salesforce.com), `http://host:port` once it listens: OAuth only. */
  loginUrl: string;
}

/** Which of the org's two hosts a request reached. */
export type OrgHost = 'myDomain' | 'login';

/** The origins of the org's two hosts as one client reaches them. */
export interface OrgOrigins {
  myDomain: string;
  login: string;
}

/**
 * The org's two origins as the client reached them, for `instance_url` and identity URLs: the
 * host it used (`http://<Host header>`), and the same host name with the other listener's port.
 * In a container the org listens on 0.0.0.0 and other containers reach it by service name
 * (http://org:4010), so fixed 127.0.0.1 URLs would send them nowhere.
 */
export function originsOf(
  request: { protocol: string; host?: string; hostname?: string },
  org: Pick<OrgContext, 'myDomainUrl' | 'loginUrl'>,
  reached: OrgHost,
): OrgOrigins {
  if (!request.host || !request.hostname) return { myDomain: org.myDomainUrl, login: org.loginUrl };
  const own = `${request.protocol}://${request.host}`;
  const other = (url: string) => `${request.protocol}://${request.hostname}:${new URL(url).port}`;
  return reached === 'myDomain' ? { myDomain: own, login: other(org.loginUrl) } : { myDomain: other(org.myDomainUrl), login: own };
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
