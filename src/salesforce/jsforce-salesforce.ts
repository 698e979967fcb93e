import type { Connection } from 'jsforce';
import type { ClosedDealInput } from '../scoring/index.js';
import type { DealReadOptions, DealSelection, DealSnapshot, RecordOutcome, SalesforcePort } from '../sync/ports.js';
import type { BulkDealScope, BulkObject, BulkRow } from '../sync/bulk-read-port.js';
import { joinDealRows } from './bulk-join.js';
import { BulkQueryJob } from './bulk-query-job.js';
import { bulkQuery, type BulkQuery } from './bulk-soql.js';
import { toWireRecord, type FieldTypes } from './bulk-wire-record.js';
import { DealRepository } from './deal-repository.js';
import { toDealSnapshot } from './map-records.js';
import { JsforceOrgMetadata } from './org-metadata.js';
import { changedPlanQueries, fullPlanQueries, stillScored } from './plan-soql.js';
import { countingConnection } from './request-counter.js';
import { opportunitiesQuery, soqlString } from './soql.js';

/** The Opportunity key prefix: a Task's WhatId may point at an account or any other object. */
const OPPORTUNITY_PREFIX = '006';

/** The sync's Salesforce port over one logged-in jsforce connection (REST, through {@link DealRepository}). */
export class JsforceSalesforce implements SalesforcePort {
  private readonly repository: DealRepository;
  private readonly counted: { conn: Connection; count(): number };
  private userId: Promise<string> | undefined;
  /** Bulk results pages: read outside `conn.request` (for their headers), so counted here. */
  private bulkResultPages = 0;

  constructor(private readonly conn: Connection) {
    this.counted = countingConnection(conn);
    this.repository = new DealRepository(this.counted.conn);
  }

  callsMade(): number {
    return this.counted.count() + this.bulkResultPages;
  }

  scoped(): SalesforcePort {
    return new JsforceSalesforce(this.conn);
  }

  integrationUserId(): Promise<string> {
    this.userId ??= new JsforceOrgMetadata(this.counted.conn).userId();
    return this.userId;
  }

  async plannedDealIds(selection: DealSelection): Promise<string[]> {
    const queries: { soql: string; all?: boolean }[] = selection.changedSince
      ? changedPlanQueries({ ...selection, changedSince: selection.changedSince })
      : fullPlanQueries(selection).map((soql) => ({ soql }));
    const ids = new Set<string>();
    for (const { soql, all } of queries) {
      for await (const page of this.repository.queryPages(soql, { all: all === true })) {
        for (const row of page) {
          const id = Object.entries(row).find(([name]) => name !== 'attributes')?.[1];
          if (typeof id === 'string' && id.startsWith(OPPORTUNITY_PREFIX)) ids.add(id);
        }
      }
    }
    return [...ids];
  }

  async dealsById(ids: readonly string[], options: DealReadOptions): Promise<DealSnapshot[]> {
    if (ids.length === 0) return [];
    const snapshots: DealSnapshot[] = [];
    const where = `Id IN (${ids.map(soqlString).join(', ')})`;
    // queryAll: archived Tasks and Events count too (the query leaves out the recycle bin itself).
    for await (const page of this.repository.queryPages(opportunitiesQuery(options, where), { all: true })) {
      for (const record of page) snapshots.push(toDealSnapshot(record, options));
    }
    return snapshots;
  }

  /**
   * One Bulk query job over `object`: for Opportunity a describe (to type the CSV values of the
   * org's own fields as REST does), the job's create and polls, then its results pages, each
   * yielded as rows tagged by deal.
   */
  async *bulkRows(object: BulkObject, options: DealReadOptions, dealScope: BulkDealScope): AsyncGenerator<BulkRow[]> {
    const scope = dealScope.kind === 'full' ? `IsClosed = false OR ${stillScored(dealScope.filterableRiskFields)}` : undefined;
    const query = bulkQuery(object, options, scope);
    const types = await this.fieldTypes(object, query.fieldTypes);
    const job = new BulkQueryJob(this.counted.conn, () => {
      this.bulkResultPages += 1;
    });
    for await (const page of job.rows(query.soql, query.operation)) {
      yield page.map((row) => ({ object, id: row.Id ?? '', dealId: row[query.dealIdColumn] ?? '', record: toWireRecord(row, types) }));
    }
  }

  private async fieldTypes(object: BulkObject, known: BulkQuery['fieldTypes']): Promise<FieldTypes> {
    if (known !== 'describe') return new Map(Object.entries(known));
    const describe = await new JsforceOrgMetadata(this.counted.conn).describe(object);
    return new Map((describe?.fields ?? []).map((field) => [field.name, field.type]));
  }

  snapshotsFromRows(rows: readonly BulkRow[], options: DealReadOptions): DealSnapshot[] {
    return joinDealRows(rows).map((record) => toDealSnapshot(record, options));
  }

  closedDeals(days: number, options?: DealReadOptions): Promise<ClosedDealInput[]> {
    return this.repository.closedDeals(days, options);
  }

  updateRecords(objectName: string, records: readonly (Record<string, unknown> & { Id: string })[]): Promise<RecordOutcome[]> {
    return this.repository.updateRecords(objectName, records);
  }

  upsertTasksByKey(keyField: string, tasks: readonly Record<string, unknown>[]): Promise<RecordOutcome[]> {
    return this.repository.upsertRecords('Task', keyField, tasks);
  }
}
