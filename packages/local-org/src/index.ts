/**
 * The local Salesforce org: one public entry. It speaks Salesforce's OAuth and REST API on
 * 127.0.0.1 over an in-memory record store, for demos, tests and benchmarks. Everything else under
 * src/ is this package's own; import only from here.
 */
export {
  startLocalOrg,
  DEMO_CREDENTIALS,
  DEFAULT_API_LIMIT,
  DEFAULT_DEMO_OPPORTUNITIES,
  DEFAULT_TOKEN_TTL_SECONDS,
  type DatasetChoice,
  type LocalOrg,
  type LocalOrgOptions,
} from './server.js';
export type { LocalOrgCredentials } from './http/context.js';
export type { FaultSettings } from './faults/settings.js';
export type { ProductionLimitSettings } from './faults/production-limits.js';
export type { DatasetFile, OrgClock, SRecord } from './model.js';
export { createManualClock, type ManualClock } from './store/clock.js';
export type { RecordStore, SaveError, SaveResult, ValidationRule } from './store/types.js';
export { generateDemoDataset, generateEmptyDataset, type DemoDatasetOptions } from './dataset/generate.js';
export { DatasetError, isDatasetError, parseDataset, readDatasetFile, type DatasetProblem } from './dataset/format.js';
export { SetupError, isSetupError, type SetupProblem } from './errors/setup-error.js';
export { BUILT_IN_PROFILES, builtInProfileId, sourcePermissionSetId } from './access/index.js';
export { readSourceMetadata, type SourceMetadata } from './metadata/index.js';
