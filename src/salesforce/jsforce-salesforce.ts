import type { Connection } from 'jsforce';
import type { ClosedDealInput } from '../scoring/index.js';
import type { DailyUsage } from '../sync/api-budget.js';
import type { DealReadOptions, DealSelection, DealSnapshot, DealriskTask, RecordOutcome, SalesforcePort } from '../sync/ports.js';
import { DealRepository } from './deal-repository.js';
import { toOpportunityInput, type WireRecord } from './map-records.js';
import { JsforceOrgMetadata } from './org-metadata.js';
import { changedPlanQueries, fullPlanQueries } from './plan-soql.js';
import { countingConnection } from './request-counter.js';
import { opportunitiesQuery, soqlString } from './soql.js';
import { UsageMeter } from './usage-meter.js';

/** The Opportunity key prefix: a Task's WhatId may point at an account or any other object. */
const OPPORTUNITY_PREFIX = '006';

function dealriskTasks(record: WireRecord, keyField: string): DealriskTask[] {
  const tasks = (record.Tasks as { records?: WireRecord[] } | null)?.records ?? [];
  return tasks.flatMap((task) => {
    const key = task[keyField];
    return typeof key === 'string' && key !== '' ? [{ id: String(task.Id), key, isClosed: task.IsClosed === true }] : [];
  });
}

/** The sync's Salesforce port over one logged-in jsforce connection (REST, through {@link DealRepository}). */
export class JsforceSalesforce implements SalesforcePort {
  private readonly repository: DealRepository;
  private readonly counted: { conn: Connection; count(): number };
  private userId: Promise<string> | undefined;

  /** `meter` sees the connection's responses (connectSalesforce's `onResponse`); without one no usage is seen. */
  constructor(
    private readonly conn: Connection,
    private readonly meter: UsageMeter = new UsageMeter(),
  ) {
    this.counted = countingConnection(conn);
    this.repository = new DealRepository(this.counted.conn);
  }

  callsMade(): number {
    return this.counted.count();
  }

  async dailyApiUsage(): Promise<DailyUsage> {
    const { DailyApiRequests } = await this.counted.conn.limits();
    if (!DailyApiRequests) throw new Error('the org\'s limits resource reported no DailyApiRequests');
    return { used: DailyApiRequests.Max - DailyApiRequests.Remaining, limit: DailyApiRequests.Max };
  }

  latestDailyUsage(): DailyUsage | undefined {
    return this.meter.latest();
  }

  scoped(): SalesforcePort {
    return new JsforceSalesforce(this.conn, this.meter);
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
      for (const record of page) {
        snapshots.push({
          deal: toOpportunityInput(record, options),
          stored: Object.fromEntries(options.riskFields.map((field) => [field, record[field] ?? null])),
          tasks: dealriskTasks(record, options.taskKeyField),
        });
      }
    }
    return snapshots;
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
