/** The local org's record store: Salesforce's save semantics over in-memory records. */
import type { OrgClock, OrgSchema } from '../model.js';
import { LocalRecordStore } from './record-store.js';
import type { RecordStore, RecordStoreOptions } from './types.js';

/** Creates an empty store (holding only the standard OpportunityStage picklist) over `schema`. */
export function createRecordStore(schema: OrgSchema, clock: OrgClock, options: RecordStoreOptions = {}): RecordStore {
  return new LocalRecordStore(schema, clock, options);
}

export { DatasetLoadError, isDatasetLoadError } from '../errors/dataset-load-error.js';
export { createClock, createManualClock, type ManualClock } from './clock.js';
export type { RecordStore, RecordStoreOptions, SaveError, SaveResult, ValidationRule, DeletedRef } from './types.js';
