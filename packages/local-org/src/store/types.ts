/**
 * The local org's record store: the write side (Salesforce's save semantics, triggers, recycle
 * bin) on top of the read contract {@link OrgData} that the SOQL engine uses.
 */
import type { DatasetFile, OrgData, SRecord } from '../model.js';

/** One error of a failed save, as Salesforce's SaveResult carries it. */
export interface SaveError {
  /** Salesforce's status code, e.g. REQUIRED_FIELD_MISSING. */
  statusCode: string;
  message: string;
  /** Canonical names of the fields concerned (may be empty). */
  fields: string[];
}

/** The outcome of one record's write (the wire shape of sObject Collections results). */
export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: SaveError[];
  /** Upserts only: true when a record was inserted, false when one was updated. */
  created?: boolean;
}

/** An org validation rule: when `when` returns true the save fails with FIELD_CUSTOM_VALIDATION_EXCEPTION. */
export interface ValidationRule {
  /** The object it guards, e.g. Opportunity. */
  object: string;
  name: string;
  /** Receives the record as it would be saved (canonical field names). true = record is INVALID. */
  when: (record: Readonly<Record<string, unknown>>) => boolean;
  message: string;
  /** Shows the error next to this field (canonical name) rather than at the top of the page. */
  field?: string;
}

/** A deleted record, as `/sobjects/{T}/deleted/` reports it. */
export interface DeletedRef {
  id: string;
  /** Wire datetime, 'YYYY-MM-DDTHH:mm:ss.SSS+0000'. */
  deletedDate: string;
}

/** Options of {@link createRecordStore}. */
export interface RecordStoreOptions {
  validationRules?: readonly ValidationRule[];
  /** Age in days past which Events and closed Tasks are archived (default 365). */
  archiveAfterDays?: number;
}

/** The org's records, written with Salesforce's validation and system behaviour. */
export interface RecordStore extends OrgData {
  create(objectName: string, fields: Record<string, unknown>, actingUserId: string): SaveResult;
  /** `id` may be 15 or 18 characters. */
  update(objectName: string, id: string, fields: Record<string, unknown>, actingUserId: string): SaveResult;
  /** Inserts or updates the record whose `externalIdField` equals `value`; `created` says which. */
  upsert(
    objectName: string,
    externalIdField: string,
    value: string,
    fields: Record<string, unknown>,
    actingUserId: string,
  ): SaveResult;
  /** Archives the Tasks and Events that have become old enough (IsArchived; a query runs it first). */
  archiveActivities(): void;
  /** Moves the record to the recycle bin (IsDeleted = true; visible to queryAll only). */
  delete(id: string, actingUserId: string): SaveResult;
  /** A live (not deleted) record of `objectName`, by 15- or 18-character id. */
  retrieve(objectName: string, id: string): SRecord | undefined;
  /**
   * Live records of the object whose (external id) field holds `value`, matched as upsert matches
   * them: text case-insensitively, as Salesforce compares external ids by default.
   */
  findByExternalId(objectName: string, fieldName: string, value: string): SRecord[];
  /** Runs fn; if it returns/throws with rollback requested, every write inside is undone (allOrNone). */
  transaction<T>(fn: (rollback: () => void) => T): T;
  /** Ids of live records of the object whose SystemModstamp is in [startIso, endIso]. */
  updatedIds(objectName: string, startIso: string, endIso: string): string[];
  /** Records of the object deleted in [startIso, endIso]. */
  deletedRefs(objectName: string, startIso: string, endIso: string): DeletedRef[];
  /**
   * The values a picklist field offers in this org, as describe lists them: the schema's, except
   * where the org's data defines them (Opportunity and OpportunityHistory StageName: the active
   * OpportunityStage rows in their SortOrder). Undefined for an unknown object or field.
   */
  picklistValues(objectName: string, fieldName: string): readonly string[] | undefined;
  /**
   * Trusted system load: no read-only checks, system fields kept, references must exist. With
   * `handOver` the caller gives the dataset's row lists up: each is emptied once its object is
   * loaded, so a large generated org does not hold every row twice while it loads.
   */
  loadDataset(dataset: DatasetFile, options?: { handOver?: boolean }): void;
}
