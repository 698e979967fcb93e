import type { Connection } from 'jsforce';
import type { ClosedDealInput, OpportunityInput } from '../scoring/types.js';
import type { BacktestDeal } from '../scoring/backtest/index.js';
import { benchmarkDealsQuery, closedDealsQuery, closedInWindow, opportunitiesQuery, replayDealsQuery, soqlString } from './soql.js';
import { toBacktestDeal, toClosedDeal, toOpportunityInput, type WireRecord } from './map-records.js';
import { COLLECTION_LIMIT, type RecordUpdate, UpdateBuffer } from './update-buffer.js';
import type { RecordOutcome } from '../sync/ports.js';

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: WireRecord[];
}

export type { RecordOutcome };

interface CollectionResult {
  id?: string | null;
  success: boolean;
  errors?: { statusCode?: string; errorCode?: string; message?: string; fields?: string[] }[];
}

export interface DealQueryOptions {
  /** Opportunity fields the playbook's verifiers read. */
  verifierFields: readonly string[];
  /** The Contact field holding the stakeholder profile, e.g. Stakeholder_Profile__c. */
  profileField: string;
}

/**
 * Reads deals from and writes risk fields to Salesforce over REST through jsforce. Pages are
 * fetched one at a time (`nextRecordsUrl`), so memory stays bounded by one page.
 */
export class DealRepository {
  private requests = 0;

  constructor(private readonly conn: Connection) {}

  /** REST calls made so far through this repository (each query page counts, as in the org's API usage). */
  get apiCalls(): number {
    return this.requests;
  }

  private path(suffix: string): string {
    return `/services/data/v${this.conn.version}/${suffix}`;
  }

  private get<T>(url: string): Promise<T> {
    this.requests += 1;
    return this.conn.request<T>(url);
  }

  /**
   * Runs a SOQL query page by page (`all`: through queryAll, which also returns archived
   * activities and deleted rows). Each page's paged child sets are read to their end before the
   * next page is asked for: reading it closes the previous page's child locators.
   */
  async *queryPages(soql: string, options: { all?: boolean } = {}): AsyncGenerator<WireRecord[]> {
    const resource = options.all ? 'queryAll' : 'query';
    let page = await this.get<QueryPage>(this.path(`${resource}?q=${encodeURIComponent(soql)}`));
    for (;;) {
      for (const record of page.records) await this.completeChildren(record);
      yield page.records;
      if (page.done || !page.nextRecordsUrl) return;
      page = await this.get<QueryPage>(page.nextRecordsUrl);
    }
  }

  private async completeChildren(record: WireRecord): Promise<void> {
    for (const value of Object.values(record)) {
      const child = value as Partial<QueryPage> | null;
      if (!child || typeof child !== 'object' || !Array.isArray(child.records)) continue;
      let next = child.done === false ? child.nextRecordsUrl : undefined;
      while (next) {
        const more = await this.get<QueryPage>(next);
        child.records.push(...more.records);
        next = more.done ? undefined : more.nextRecordsUrl;
      }
      child.done = true;
      delete child.nextRecordsUrl;
    }
  }

  /**
   * Deals closed in the last `days` days, for the won/lost stage benchmarks, one at a time as
   * their pages arrive (a caller that keeps none holds one page). With `options`, each
   * also carries its verifier fields, contact roles and activities, so won deals calibrate the verifiers.
   */
  async *closedDeals(days: number, options?: DealQueryOptions): AsyncGenerator<ClosedDealInput> {
    const query = options ? opportunitiesQuery(options, closedInWindow(days)) : closedDealsQuery(days);
    for await (const page of this.queryPages(query, { all: options !== undefined })) {
      for (const record of page) yield options ? toOpportunityInput(record, options) : toClosedDeal(record);
    }
  }

  /**
   * The closed deals a backtest reads: those closed from `from` ('YYYY-MM-DD') with every dated row
   * a point-in-time replay needs, and those closed from `since` until then with their stage history
   * only (benchmarks need no more, and every row costs: pages count child rows).
   */
  async closedDealsForReplay(since: string, from: string, options: DealQueryOptions): Promise<{ replayed: BacktestDeal[]; benchmarkOnly: ClosedDealInput[] }> {
    const replayed: BacktestDeal[] = [];
    for await (const page of this.queryPages(replayDealsQuery(options, from), { all: true })) replayed.push(...page.map((record) => toBacktestDeal(record, options)));
    const benchmarkOnly: ClosedDealInput[] = [];
    if (since < from) for await (const page of this.queryPages(benchmarkDealsQuery(since, from))) benchmarkOnly.push(...page.map(toClosedDeal));
    return { replayed, benchmarkOnly };
  }

  /**
   * Opportunity fields whose changes the org keeps in OpportunityFieldHistory: the values of its
   * `Field` picklist, as the integration user's describe shows them. One API call.
   */
  async historyTrackedFields(): Promise<Set<string>> {
    const describe = await this.get<{ fields: { name: string; picklistValues?: { value: string }[] }[] }>(this.path('sobjects/OpportunityFieldHistory/describe'));
    const field = describe.fields.find((f) => f.name === 'Field');
    return new Set(field?.picklistValues?.map((v) => v.value) ?? []);
  }

  /** Open opportunities with their related rows, one page at a time. */
  async *openOpportunities(options: DealQueryOptions): AsyncGenerator<OpportunityInput[]> {
    for await (const page of this.queryPages(opportunitiesQuery(options, 'IsClosed = false'), { all: true })) {
      yield page.map((record) => toOpportunityInput(record, options));
    }
  }

  /** One opportunity (open or closed) with its related rows; undefined when there is none. */
  async opportunity(id: string, options: DealQueryOptions): Promise<OpportunityInput | undefined> {
    for await (const page of this.queryPages(opportunitiesQuery(options, `Id = ${soqlString(id)}`), { all: true })) {
      if (page[0]) return toOpportunityInput(page[0], options);
    }
    return undefined;
  }

  /** Updates of `objectName` gathered across pages and written 200 per call (flush it at the end). */
  updateBuffer(objectName: string): UpdateBuffer {
    return new UpdateBuffer((records) => this.updateRecords(objectName, records));
  }

  /**
   * Updates records with sObject Collections, 200 per call, `allOrNone=false`: one bad record is
   * reported with its id and errorCode while the rest of its batch is written.
   */
  async updateRecords(objectName: string, records: readonly RecordUpdate[]): Promise<RecordOutcome[]> {
    return this.collections('composite/sobjects', objectName, records.map(({ Id, ...fields }) => ({ id: Id, ...fields })), (record) => String(record.id));
  }

  /**
   * Upserts records by an External ID field with sObject Collections, 200 per call,
   * `allOrNone=false`: a record whose key matches none is created, one match is updated.
   */
  async upsertRecords(objectName: string, keyField: string, records: readonly Record<string, unknown>[]): Promise<RecordOutcome[]> {
    return this.collections(`composite/sobjects/${objectName}/${keyField}`, objectName, records, (record) => String(record[keyField]));
  }

  /** One PATCH per 200 records; a failed record has no id on the wire, so `fallbackId` names it. */
  private async collections(
    resource: string,
    objectName: string,
    records: readonly Record<string, unknown>[],
    fallbackId: (record: Record<string, unknown>) => string,
  ): Promise<RecordOutcome[]> {
    const outcomes: RecordOutcome[] = [];
    for (let start = 0; start < records.length; start += COLLECTION_LIMIT) {
      const chunk = records.slice(start, start + COLLECTION_LIMIT);
      this.requests += 1;
      const results = await this.conn.request<CollectionResult[]>({
        method: 'PATCH',
        url: this.path(resource),
        body: JSON.stringify({ allOrNone: false, records: chunk.map((fields) => ({ attributes: { type: objectName }, ...fields })) }),
        headers: { 'content-type': 'application/json' },
      });
      results.forEach((result, index) => {
        // A record can fail for several reasons at once: keep the first code, every message and field.
        const errors = result.errors ?? [];
        outcomes.push({
          id: result.id ?? fallbackId(chunk[index]!),
          success: result.success,
          ...(errors.length > 0
            ? {
                errorCode: errors[0]!.statusCode ?? errors[0]!.errorCode,
                message: errors.map((e) => e.message).join('; '),
                fields: [...new Set(errors.flatMap((e) => e.fields ?? []))],
              }
            : {}),
        });
      });
    }
    return outcomes;
  }
}
