import type { Connection } from 'jsforce';
import type { ClosedDealInput, OpportunityInput } from '../scoring/types.js';
import { closedDealsQuery, opportunitiesQuery, soqlString } from './soql.js';
import type { RecordOutcome } from '../sync/ports.js';
import { toClosedDeal, toOpportunityInput, type WireRecord } from './map-records.js';

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: WireRecord[];
}

/** Most records Salesforce accepts in one sObject Collections call. */
const COLLECTION_LIMIT = 200;

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
  constructor(private readonly conn: Connection) {}

  private path(suffix: string): string {
    return `/services/data/v${this.conn.version}/${suffix}`;
  }

  /** Runs a SOQL query page by page; child relationships that Salesforce paged are completed. `queryAll` also returns deleted rows. */
  async *queryPages(soql: string, resource: 'query' | 'queryAll' = 'query'): AsyncGenerator<WireRecord[]> {
    let page = await this.conn.request<QueryPage>(this.path(`${resource}?q=${encodeURIComponent(soql)}`));
    for (;;) {
      for (const record of page.records) await this.completeChildren(record);
      yield page.records;
      if (page.done || !page.nextRecordsUrl) return;
      page = await this.conn.request<QueryPage>(page.nextRecordsUrl);
    }
  }

  private async completeChildren(record: WireRecord): Promise<void> {
    for (const value of Object.values(record)) {
      const child = value as Partial<QueryPage> | null;
      if (!child || typeof child !== 'object' || !Array.isArray(child.records)) continue;
      let next = child.done === false ? child.nextRecordsUrl : undefined;
      while (next) {
        const more = await this.conn.request<QueryPage>(next);
        child.records.push(...more.records);
        next = more.done ? undefined : more.nextRecordsUrl;
      }
      child.done = true;
      delete child.nextRecordsUrl;
    }
  }

  /** Deals closed in the last `days` days, for the won/lost stage benchmarks. */
  async closedDeals(days: number): Promise<ClosedDealInput[]> {
    const deals: ClosedDealInput[] = [];
    for await (const page of this.queryPages(closedDealsQuery(days))) deals.push(...page.map(toClosedDeal));
    return deals;
  }

  /** Open opportunities with their related rows, one page at a time. */
  async *openOpportunities(options: DealQueryOptions): AsyncGenerator<OpportunityInput[]> {
    for await (const page of this.queryPages(opportunitiesQuery(options, 'IsClosed = false'))) {
      yield page.map((record) => toOpportunityInput(record, options));
    }
  }

  /** One opportunity (open or closed) with its related rows; undefined when there is none. */
  async opportunity(id: string, options: DealQueryOptions): Promise<OpportunityInput | undefined> {
    for await (const page of this.queryPages(opportunitiesQuery(options, `Id = ${soqlString(id)}`))) {
      if (page[0]) return toOpportunityInput(page[0], options);
    }
    return undefined;
  }

  /**
   * Updates records with sObject Collections, 200 per call, `allOrNone=false`: one bad record is
   * reported with its id and errorCode while the rest of its batch is written.
   */
  async updateRecords(objectName: string, records: readonly (Record<string, unknown> & { Id: string })[]): Promise<RecordOutcome[]> {
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
