import type { ClosedDealInput, OpportunityInput } from '../scoring/index.js';
import type { DailyUsage } from './api-budget.js';
import type { BulkDealScope, BulkObject, BulkRow } from './bulk-read-port.js';

/**
 * The Salesforce port of the sync use cases: small interfaces they call, implemented by the
 * jsforce adapter in src/salesforce (and by nothing else in production). Use cases never see
 * jsforce, REST paths or SOQL.
 */

/** One record's write outcome: partial failure is data, not an exception. */
export interface RecordOutcome {
  id: string;
  success: boolean;
  errorCode?: string;
  message?: string;
  fields?: string[];
}

/** What a deal read selects beyond what scoring needs. */
export interface DealReadOptions {
  /** Opportunity fields the playbook's verifiers read. */
  verifierFields: readonly string[];
  /** The Contact field holding the stakeholder profile, e.g. Stakeholder_Profile__c. */
  profileField: string;
  /** The risk fields dealrisk writes, read back so only changes are written. */
  riskFields: readonly string[];
  /** Those of them that are Long Text Areas: a query selecting two or more gets pages of 200 rows, not 2,000. */
  longTextRiskFields: readonly string[];
  /** Risk fields SOQL can filter on: a read of many ids by range keeps to the run's deals with them. */
  filterableRiskFields: readonly string[];
  /** The Activity field holding a dealrisk Task's key (deal + signal). */
  taskKeyField: string;
}

/** A Task dealrisk opened earlier (its key field is set), as it is now. */
export interface DealriskTask {
  id: string;
  key: string;
  isClosed: boolean;
}

/** One deal as a batch reads it: the scoring input, its risk fields as stored and its dealrisk Tasks. */
export interface DealSnapshot {
  deal: OpportunityInput;
  stored: Record<string, unknown>;
  tasks: DealriskTask[];
}

/** Which deals a run plans: every open one, or those changed since a time. */
export interface DealSelection {
  /** Fields dealrisk writes that SOQL can filter on: a closed deal with one still set needs clearing. */
  filterableRiskFields: readonly string[];
  /** ISO datetime: only deals that themselves or whose related rows changed since then (incremental). */
  changedSince?: string;
  /** The integration user: a deal whose last change is its own write is not re-read. */
  integrationUserId?: string;
}

/** Reads deals and the ids a run plans. */
export interface DealReader {
  /** Ids of the deals a run must look at: open ones (all, or changed) and closed ones still carrying risk fields. */
  plannedDealIds(selection: DealSelection): Promise<string[]>;
  /**
   * The deals with these ids (open or closed) with their related rows, stored risk fields and
   * dealrisk Tasks, one at a time as their pages arrive (a batch never holds all its rows).
   */
  dealsById(ids: readonly string[], options: DealReadOptions): AsyncIterable<DealSnapshot>;
  /** Deals closed in the last `days` days, for the won/lost benchmarks (one at a time as their pages arrive); with read options, with the rows that calibrate the verifiers. */
  closedDeals(days: number, options?: Pick<DealReadOptions, 'verifierFields' | 'profileField'>): AsyncIterable<ClosedDealInput>;
}

/** Reads the same deals with Bulk API 2.0, one query job per object, for runs too big for REST's paged subqueries. */
export interface BulkDealReader {
  /**
   * The rows of `object` for the deals `dealScope` asks for, a few thousand at a time. `full`: the
   * deals a full run plans (open ones and closed ones still carrying risk fields); `all`: every
   * deal (an incremental run; the join keeps the planned ones).
   */
  bulkRows(object: BulkObject, options: DealReadOptions, dealScope: BulkDealScope): AsyncGenerator<BulkRow[]>;
  /** The snapshots of the deals among `rows`, exactly as {@link DealReader.dealsById} reads them over REST. */
  snapshotsFromRows(rows: readonly BulkRow[], options: DealReadOptions): DealSnapshot[];
}

/** Writes fields onto existing records (sObject Collections, one outcome per record, in order). */
export interface RecordWriter {
  updateRecords(objectName: string, records: readonly (Record<string, unknown> & { Id: string })[]): Promise<RecordOutcome[]>;
}

/** Creates Tasks by their key field: a key that exists by then is updated, never duplicated. */
export interface TaskWriter {
  upsertTasksByKey(keyField: string, tasks: readonly Record<string, unknown>[]): Promise<RecordOutcome[]>;
}

/** API calls this process has made through the adapter (each counts against the org's daily allowance). */
export interface ApiUsage {
  callsMade(): number;
  /** The org's daily API usage as `limits` reports it now (DailyApiRequests); one API call. */
  dailyApiUsage(): Promise<DailyUsage>;
  /** The org's daily API usage on the latest response this process received (`Sforce-Limit-Info`), if any. */
  latestDailyUsage(): DailyUsage | undefined;
}

/** Everything a sync run asks of Salesforce. */
export interface SalesforcePort extends DealReader, BulkDealReader, RecordWriter, TaskWriter, ApiUsage {
  /** The user dealrisk acts as (its writes carry this LastModifiedById). */
  integrationUserId(): Promise<string>;
  /** The same login with its own call count (one per job, so jobs running at once each count their own). */
  scoped(): SalesforcePort;
}
