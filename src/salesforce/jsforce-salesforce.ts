import type { Connection } from 'jsforce';
import type { ClosedDealInput } from '../scoring/index.js';
import type { DailyUsage } from '../sync/api-budget.js';
import type { BulkDealScope, BulkObject, BulkRow } from '../sync/bulk-read-port.js';
import type { DealReadOptions, DealSelection, DealSnapshot, RecordOutcome, SalesforcePort } from '../sync/ports.js';
import { joinDealRows } from './bulk-join.js';
import { BulkQueryJob } from './bulk-query-job.js';
import { bulkQuery, type BulkQuery } from './bulk-soql.js';
import { toWireRecord, type FieldTypes } from './bulk-wire-record.js';
import { DealRepository } from './deal-repository.js';
import { dealriskTasks, toDealSnapshot, toOpportunityInput, type WireRecord } from './map-records.js';
import { JsforceOrgMetadata } from './org-metadata.js';
import { changedPlanQueries, fullPlanQueries, plannedDealFilter } from './plan-soql.js';
import { countingConnection } from './request-counter.js';
import { opportunitiesQuery, soqlString } from './soql.js';
import { UsageMeter } from './usage-meter.js';

/** The Opportunity key prefix: a Task's WhatId may point at an account or any other object. */
const OPPORTUNITY_PREFIX = '006';

/**
 * Ids one `Id IN (...)` list carries: 200 ids take about 6 KB of the 16,384 bytes Salesforce
 * accepts in a request's URI (an id is about 30 bytes URL-encoded, with its quotes and comma).
 */
const IN_LIST_MAX = 200;

/**
 * The filter of a read of `ids`: an `IN` list when it fits the URI, else the range from the
 * lowest to the highest id (ids compare as their characters, as `ORDER BY Id` sorts them) among
 * the deals a run plans, keeping only the ids asked for (`wanted`). A full run's batch is a run of
 * consecutive planned ids, so its range reads next to nothing else.
 */
function idFilter(ids: readonly string[], filterableRiskFields: readonly string[]): { where: string; wanted?: ReadonlySet<string> } {
  if (ids.length <= IN_LIST_MAX) return { where: `Id IN (${ids.map(soqlString).join(', ')})` };
  let [low, high] = [ids[0]!, ids[0]!];
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  return { where: `Id >= ${soqlString(low)} AND Id <= ${soqlString(high)} AND ${plannedDealFilter(filterableRiskFields)}`, wanted: new Set(ids) };
}

/** The sync's Salesforce port over one logged-in jsforce connection (REST, through {@link DealRepository}). */
export class JsforceSalesforce implements SalesforcePort {
  private readonly repository: DealRepository;
  private readonly counted: { conn: Connection; count(): number };
  private userId: Promise<string> | undefined;
  /** Bulk results pages: read outside `conn.request` (for their headers), so counted here. */
  private bulkResultPages = 0;

  /** `meter` sees the connection's responses (connectSalesforce's `onResponse`); without one no usage is seen. */
  constructor(
    private readonly conn: Connection,
    private readonly meter: UsageMeter = new UsageMeter(),
  ) {
    this.counted = countingConnection(conn);
    this.repository = new DealRepository(this.counted.conn);
  }

  callsMade(): number {
    return this.counted.count() + this.bulkResultPages;
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
    // In id order, so a run of consecutive ids is one narrow range (see idFilter).
    return [...ids].sort();
  }

  async *dealsById(ids: readonly string[], options: DealReadOptions): AsyncGenerator<DealSnapshot> {
    if (ids.length === 0) return;
    const { where, wanted } = idFilter(ids, options.filterableRiskFields);
    // Two or more Long Text Areas in one query cut its pages to 200 rows, child rows included:
    // the deal query keeps one, the others come from a query without child rows.
    const [inline, ...apart] = options.longTextRiskFields;
    const apartFields = new Set(apart);
    const apartValues = apart.length > 0 ? await this.fieldsById(apart, where) : new Map<string, WireRecord>();
    const riskFields = options.riskFields.filter((field) => !apartFields.has(field) || field === inline);
    // queryAll: archived Tasks and Events count too (the query leaves out the recycle bin itself).
    for await (const page of this.repository.queryPages(opportunitiesQuery({ ...options, riskFields }, where), { all: true })) {
      for (const record of page) {
        const id = String(record.Id);
        if (wanted && !wanted.has(id)) continue;
        const apartRecord = apartValues.get(id);
        yield {
          deal: toOpportunityInput(record, options),
          stored: Object.fromEntries(options.riskFields.map((field) => [field, (apartFields.has(field) ? apartRecord?.[field] : record[field]) ?? null])),
          tasks: dealriskTasks(record, options.taskKeyField),
        };
      }
    }
  }

  /** `fields` of the deals `where` selects, by id: a query without child rows. */
  private async fieldsById(fields: readonly string[], where: string): Promise<Map<string, WireRecord>> {
    const byId = new Map<string, WireRecord>();
    for await (const page of this.repository.queryPages(`SELECT Id, ${fields.join(', ')} FROM Opportunity WHERE ${where} ORDER BY Id`, { all: true })) {
      for (const record of page) byId.set(String(record.Id), record);
    }
    return byId;
  }

  /**
   * One Bulk query job over `object`: for Opportunity a describe (to type the CSV values of the
   * org's own fields as REST does), the job's create and polls, then its results, yielded a few
   * thousand rows at a time, each row tagged by deal.
   */
  async *bulkRows(object: BulkObject, options: DealReadOptions, dealScope: BulkDealScope): AsyncGenerator<BulkRow[]> {
    const query = bulkQuery(object, options, dealScope.kind === 'full' ? plannedDealFilter(dealScope.filterableRiskFields) : undefined);
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

  closedDeals(days: number, options?: DealReadOptions): AsyncIterable<ClosedDealInput> {
    return this.repository.closedDeals(days, options);
  }

  updateRecords(objectName: string, records: readonly (Record<string, unknown> & { Id: string })[]): Promise<RecordOutcome[]> {
    return this.repository.updateRecords(objectName, records);
  }

  upsertTasksByKey(keyField: string, tasks: readonly Record<string, unknown>[]): Promise<RecordOutcome[]> {
    return this.repository.upsertRecords('Task', keyField, tasks);
  }
}
