import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SetupError } from './errors/setup-error.js';
import { DatasetError, generateDemoDataset, generateEmptyDataset, readDatasetFile } from './dataset/index.js';
import { INTEGRATION_USER } from './dataset/people.js';
import { createBulkJobs } from './bulk/index.js';
import { withLockFaults } from './faults/locking-store.js';
import { OrgFaults } from './faults/org-faults.js';
import { ProductionLimits, type ProductionLimitSettings } from './faults/production-limits.js';
import { faultSettings, parseFaults, type FaultSettings } from './faults/settings.js';
import { buildLocalOrgApp, buildLoginHostApp } from './http/app.js';
import { MAX_API_VERSION, type LocalOrgCredentials, type OrgContext } from './http/context.js';
import { QueryCursors } from './http/query-cursors.js';
import { ApiUsage } from './http/usage.js';
import { makeId, KEY_PREFIX } from './ids.js';
import type { DatasetFile, OrgClock, OrgData } from './model.js';
import { jwtVerificationKey } from './oauth/jwt.js';
import { SessionStore } from './oauth/sessions.js';
import { userView, withAccessRecords, type UserView } from './access/index.js';
import { readSourceMetadata } from './metadata/index.js';
import { createListViews } from './listviews/list-views.js';
import { createOrgSchema } from './schema/index.js';
import { schemaAtVersion } from './schema/api-version.js';
import { bundledDemoMetadataDir, requireDemoFields } from './schema/demo-metadata.js';
import { createClock } from './store/clock.js';
import { createRecordStore, isDatasetLoadError } from './store/index.js';
import type { RecordStore, ValidationRule } from './store/types.js';

/**
 * The local org's demo credentials. They guard nothing but a local demo org and are printed by
 * `dealrisk org start` on purpose; never reuse them anywhere else.
 */
export const DEMO_CREDENTIALS: Readonly<LocalOrgCredentials> = {
  // The demo dataset's integration user, so the demo login and the demo data name the same user.
  username: INTEGRATION_USER.Username,
  password: 'dealrisk-demo',
  clientId: 'dealrisk-local-client',
  clientSecret: 'dealrisk-local-secret',
};

export const DEFAULT_API_LIMIT = 100_000;
export const DEFAULT_TOKEN_TTL_SECONDS = 7200;
export const DEFAULT_DEMO_OPPORTUNITIES = 2000;

/** 'demo', 'empty', a path to a dataset JSON file, or the dataset itself. */
export type DatasetChoice = 'demo' | 'empty' | (string & {}) | DatasetFile;

/** Options of {@link startLocalOrg}. */
export interface LocalOrgOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port of the org's My Domain (its instance URL: OAuth and the REST API); 0 (the default) picks a free one. */
  port?: number;
  /** Port of the org's generic login host (as login.salesforce.com: OAuth only); 0 (the default) picks a free one. */
  loginPort?: number;
  /** 'demo' (generated, the default), 'empty', a dataset, or the path of a dataset JSON file. */
  dataset?: DatasetChoice;
  /** Opportunities of the demo dataset (default 2,000). */
  opportunities?: number;
  /** Seed of the demo dataset (default 1). */
  seed?: number;
  /** The org's "now" at start-up (its clock runs on from there); overrides the dataset's own asOf. */
  asOf?: Date;
  /**
   * The org's clock. Default: it starts at `asOf` and runs on in real time. Tests pass a
   * `createManualClock(asOf)` to move the org's time (token expiry, the rolling API usage window).
   */
  clock?: OrgClock;
  /** API requests allowed in any 24 hours on the org clock (default 100,000). */
  apiLimit?: number;
  /** Lifetime of access tokens on the org clock (default 7,200 s). */
  tokenTtlSeconds?: number;
  /** Overrides of the demo credentials. */
  credentials?: Partial<LocalOrgCredentials>;
  /** PEM certificate (or public key) of the connected app, for the JWT bearer flow. */
  jwtCertificate?: string;
  validationRules?: readonly ValidationRule[];
  /**
   * SFDX source the org builds its custom schema, permission sets and list views from: project
   * folders (with sfdx-project.json) or folders of source files. Default: the package's own
   * `metadata/demo`, the custom fields its demo dataset fills. Given dirs replace that default.
   */
  sourceDirs?: readonly string[];
  /** Age in days past which Events and closed Tasks are archived: left out of query, returned by queryAll (default 365). */
  activityArchiveDays?: number;
  /** Child rows a query page carries inline per child relationship before the set is paged with its own locator (default 200). */
  childInlineLimit?: number;
  /**
   * Faults to throw from the start: `key=value,…` as `--faults` takes it, or the settings (see
   * docs/local-org.md). Draws come from `seed`, so a faulty run repeats. Change them later with
   * {@link LocalOrg.setFaults} or `PUT /_local/faults`.
   */
  faults?: string | Partial<FaultSettings>;
  /** Lower thresholds of the production limits, for tests (defaults: 20 s, 25 requests, 3,600 logins/hour). */
  productionLimits?: Partial<ProductionLimitSettings>;
  /** Request and error logging; quiet when absent. */
  logger?: Logger;
}

/** A running local org. */
export interface LocalOrg {
  /**
   * The generic login host (what login.salesforce.com is to a real org): password, refresh token
   * and JWT bearer logins; client credentials is refused here. Serves no REST API.
   */
  loginUrl: string;
  /** The org's My Domain: every OAuth flow (client credentials only here) and the REST API. */
  myDomainUrl: string;
  /** Where the REST API answers: the My Domain (the token responses' `instance_url`). */
  instanceUrl: string;
  credentials: LocalOrgCredentials;
  orgId: string;
  /** The integration user every login acts as. */
  userId: string;
  store: RecordStore;
  /** API requests counted in the last 24 hours on the org clock, and the allowance. */
  apiUsage(): { used: number; max: number };
  /** Ends every access session now; refresh tokens stay valid (as when sessions time out). */
  expireSessions(): void;
  /** The faults thrown now. */
  faults(): Readonly<FaultSettings>;
  /** Replaces the faults (unnamed keys off); every draw starts again from the seed. */
  setFaults(faults: string | Partial<FaultSettings>): void;
  stop(): Promise<void>;
}

function resolveDataset(options: LocalOrgOptions): DatasetFile {
  const dataset = options.dataset ?? 'demo';
  if (dataset === 'demo') {
    return generateDemoDataset({
      opportunities: options.opportunities ?? DEFAULT_DEMO_OPPORTUNITIES,
      seed: options.seed ?? 1,
      asOf: options.asOf ?? new Date(),
    });
  }
  if (dataset === 'empty') return generateEmptyDataset({ asOf: options.asOf ?? new Date() });
  if (typeof dataset === 'string') return readDatasetFile(dataset);
  return dataset;
}

/**
 * Loads the dataset into the store. A row the store refuses (unknown field, dangling reference…)
 * is reported as a {@link DatasetError} naming the dataset, as a malformed file is, so
 * `dealrisk org start` answers both the same way (a message and exit code 2, not a stack trace).
 */
function loadInto(store: RecordStore, dataset: DatasetFile, source: string, handOver: boolean): void {
  try {
    store.loadDataset(dataset, { handOver });
  } catch (error) {
    if (!isDatasetLoadError(error)) throw error;
    const path = `records.${error.objectName}${error.index === undefined ? '' : `[${error.index}]`}`;
    throw new DatasetError(source, [{ path, message: error.reason }], { cause: error });
  }
}

/** Adds the Organization row and the integration user when the dataset has none; names the integration user after the login. */
function withIdentity(dataset: DatasetFile, username: string): DatasetFile {
  const records = { ...dataset.records };
  const organizations = records.Organization ?? [];
  const users = records.User ?? [];
  const head: Record<string, Record<string, unknown>[]> = {};
  head.Organization = organizations.length > 0 ? organizations : [
    {
      Id: makeId(KEY_PREFIX.Organization, 1),
      Name: 'dealrisk Local Org',
      OrganizationType: 'Enterprise Edition',
      IsSandbox: false,
      TimeZoneSidKey: 'GMT',
      LanguageLocaleKey: 'en_US',
      DefaultLocaleSidKey: 'en_US',
    },
  ];
  const matches = (user: Record<string, unknown>) => typeof user.Username === 'string' && user.Username.toLowerCase() === username.toLowerCase();
  // A --username that names no user renames the first one, so identity and SOQL agree with the login.
  head.User = users.length > 0 ? (users.some(matches) ? users : [{ ...users[0], Username: username }, ...users.slice(1)]) : [
    {
      Username: username,
      FirstName: INTEGRATION_USER.FirstName,
      LastName: INTEGRATION_USER.LastName,
      Email: username.includes('@') ? username : INTEGRATION_USER.Username,
      Alias: 'ddemo',
      IsActive: true,
      TimeZoneSidKey: 'GMT',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    },
  ];
  delete records.Organization;
  delete records.User;
  return { ...dataset, records: { ...head, ...records } };
}

/** The connected app's verification key; a PEM that is not a certificate or public key is a configuration error. */
function jwtKeyOf(pem: string): KeyObject {
  try {
    return jwtVerificationKey(pem);
  } catch (error) {
    throw new SetupError([{ key: '--jwt-cert', problem: `not a PEM certificate or public key (${(error as Error).message})` }]);
  }
}

/** The store read through one API version's schema (fields of later versions absent). */
function dataAtVersion(store: RecordStore, apiVersion: number): OrgData {
  const schema = schemaAtVersion(store.schema, apiVersion);
  if (schema === store.schema) return store;
  return {
    schema,
    clock: store.clock,
    rows: (objectName) => store.rows(objectName),
    byId: (id) => store.byId(id),
    children: (childObject, field, parentId) => store.children(childObject, field, parentId),
  };
}

/** Fault settings from `--faults` text or an object of settings (a bad key is a SetupError naming it). */
function readFaults(faults: string | Partial<FaultSettings>): FaultSettings {
  return typeof faults === 'string' ? parseFaults(faults) : faultSettings(faults);
}

/** `http://host:port` for clients: a wildcard bind address is reached through the loopback. */
function publicUrl(host: string, address: AddressInfo): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${address.port}`;
}

/**
 * Starts a local Salesforce org in this process: loads the dataset, then serves its My Domain
 * (OAuth and the REST API) on `host:port` and its generic login host (OAuth) on `host:loginPort`.
 * Resolves once both accept connections.
 */
export async function startLocalOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
  const credentials: LocalOrgCredentials = { ...DEMO_CREDENTIALS, ...options.credentials };
  const host = options.host ?? '127.0.0.1';
  const source = readSourceMetadata(options.sourceDirs ?? [bundledDemoMetadataDir()]);
  const resolved = resolveDataset(options);
  // The dataset says how this org is set up (field history tracking), which the schema reflects.
  const schema = createOrgSchema(source, resolved.settings);
  const listViews = createListViews(source, schema);
  if ((options.dataset ?? 'demo') === 'demo') requireDemoFields(schema, options.sourceDirs);
  const dataset = withAccessRecords(withIdentity(resolved, credentials.username), source, schema);
  const asOf = options.asOf ?? (dataset.asOf ? new Date(dataset.asOf) : undefined);
  const clock = options.clock ?? createClock(asOf);
  const store = createRecordStore(schema, clock, { validationRules: options.validationRules ?? [], archiveAfterDays: options.activityArchiveDays });
  // A dataset the org generated or read itself is handed over to the store; one given inline is the caller's.
  loadInto(store, dataset, typeof options.dataset === 'object' ? '(inline)' : (options.dataset ?? 'demo'), typeof options.dataset !== 'object');

  const users = [...store.rows('User')].filter((user) => !user.IsDeleted);
  const integrationUser =
    users.find((user) => typeof user.Username === 'string' && user.Username.toLowerCase() === credentials.username.toLowerCase()) ?? users[0];
  const organization = [...store.rows('Organization')][0];
  if (!integrationUser || !organization) {
    throw new DatasetError('(loaded)', [{ path: 'records', message: 'the local org needs an Organization row and a live User' }]);
  }

  const usage = new ApiUsage(options.apiLimit ?? DEFAULT_API_LIMIT, clock);
  const faultSeed = options.seed ?? 1;
  const faults = new OrgFaults(faultSeed, readFaults(options.faults ?? {}));
  // The API writes through the lockRow fault; the LocalOrg handle's store (tests, the CLI) does not.
  const apiStore = withLockFaults(store, () => faults.rowLocked());
  const views = new Map<string, UserView>();
  const org: OrgContext = {
    store: apiStore,
    schema,
    viewFor: (userId, apiVersion = MAX_API_VERSION) => {
      const key = `${userId}@${apiVersion}`;
      let view = views.get(key);
      if (!view) views.set(key, (view = userView(dataAtVersion(store, apiVersion), userId)));
      return view;
    },
    listViews,
    clock,
    sessions: new SessionStore(organization.Id, clock, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
    usage,
    cursors: new QueryCursors(clock, { childInlineLimit: options.childInlineLimit }),
    bulk: createBulkJobs({ store: apiStore, clock, usage, faults }),
    faults,
    faultSeed,
    production: new ProductionLimits(options.productionLimits),
    credentials,
    orgId: organization.Id,
    userId: integrationUser.Id,
    ...(options.jwtCertificate ? { jwtKey: jwtKeyOf(options.jwtCertificate) } : {}),
    isSandbox: organization.IsSandbox === true,
    myDomainUrl: '',
    loginUrl: '',
  };
  // Two listeners, as a real org has two hosts: its My Domain and the generic login host. Ports,
  // not host names, tell them apart, so clients reach both through 127.0.0.1 with no DNS set-up.
  const myDomain = buildLocalOrgApp(org, options.logger);
  const login = buildLoginHostApp(org, options.logger);
  await myDomain.listen({ host, port: options.port ?? 0 });
  try {
    await login.listen({ host, port: options.loginPort ?? 0 });
  } catch (error) {
    await myDomain.close();
    throw error;
  }
  org.myDomainUrl = publicUrl(host, myDomain.server.address() as AddressInfo);
  org.loginUrl = publicUrl(host, login.server.address() as AddressInfo);

  return {
    loginUrl: org.loginUrl,
    myDomainUrl: org.myDomainUrl,
    instanceUrl: org.myDomainUrl,
    credentials,
    orgId: org.orgId,
    userId: org.userId,
    store,
    apiUsage: () => ({ used: usage.requests, max: usage.max }),
    expireSessions: () => org.sessions.expireAll(),
    faults: () => faults.settings,
    setFaults: (next) => faults.set(readFaults(next)),
    stop: async () => {
      org.bulk.close();
      await Promise.all([myDomain.close(), login.close()]);
    },
  };
}
