/**
 * SOQL of the Bulk API 2.0 read path: the same rows {@link opportunitiesQuery} reads with child
 * subqueries, one query per object, since Bulk 2.0 refuses parent-to-child subqueries
 * ("Aggregate Relationships not supported in Bulk V2 Query"). Each query selects the deal's id
 * (directly or by a parent path) so a worker can join the rows by OpportunityId. No ORDER BY: it
 * turns off Bulk 2.0's PK chunking (query timeouts on big objects); the join sorts each deal's rows.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/queries.htm
 */
import type { BulkObject } from '../sync/bulk-read-port.js';
import { OPPORTUNITY_FIELDS, type OpportunityQueryOptions } from './soql.js';

/**
 * One Bulk query: its SOQL, whether it reads archived and deleted rows too, the column holding
 * the deal id, and how to type its CSV values as REST would: Opportunity by its describe (its
 * verifier and risk fields are the org's own), the standard objects by the types Salesforce
 * documents for the fields selected (text when not listed), which saves a describe call per job.
 */
export interface BulkQuery {
  soql: string;
  operation: 'query' | 'queryAll';
  dealIdColumn: string;
  fieldTypes: 'describe' | Readonly<Record<string, string>>;
}

const CREATED = { CreatedDate: 'datetime' } as const;

/** Task and Event fields the REST read selects (see soql.ts), plus WhatId: the deal they belong to. */
const taskFields = (keyField: string) => ['Id', 'WhatId', 'Type', 'Subject', 'WhoId', 'ActivityDate', 'CreatedDate', 'Status', 'IsClosed', keyField];
const EVENT_FIELDS = ['Id', 'WhatId', 'Type', 'Subject', 'WhoId', 'ActivityDate', 'StartDateTime', 'CreatedDate'];

/**
 * The Bulk query of one object for the deals `dealScope` selects (a filter on Opportunity;
 * undefined: every deal, the join keeps the planned ones). queryAll as the REST read (archived
 * Tasks and Events count), with `IsDeleted = false` at every level to leave the recycle bin out.
 * The who-relations are TaskRelation/EventRelation rows of a contact or lead (`IsWhat = false`,
 * and for an Event `IsParent = true`: an invited user is not one): the rows the
 * TaskWhoRelation/EventWhoRelation views show, on objects Salesforce documents for query and queryAll.
 */
export function bulkQuery(object: BulkObject, options: Required<OpportunityQueryOptions>, dealScope: string | undefined): BulkQuery {
  const deals = `SELECT Id FROM Opportunity WHERE IsDeleted = false${dealScope ? ` AND (${dealScope})` : ''}`;
  const ofDeals = (column: string) => `${column} IN (${deals})`;
  switch (object) {
    case 'Opportunity': {
      const fields = [...new Set([...OPPORTUNITY_FIELDS, ...options.verifierFields, ...options.riskFields])];
      return { soql: `SELECT ${fields.join(', ')} FROM Opportunity WHERE IsDeleted = false${dealScope ? ` AND (${dealScope})` : ''}`, operation: 'queryAll', dealIdColumn: 'Id', fieldTypes: 'describe' };
    }
    case 'OpportunityContactRole':
      return {
        soql: `SELECT Id, OpportunityId, ContactId, Role, IsPrimary, Contact.Name, Contact.${options.profileField} FROM OpportunityContactRole WHERE IsDeleted = false AND ${ofDeals('OpportunityId')}`,
        operation: 'queryAll',
        dealIdColumn: 'OpportunityId',
        fieldTypes: { IsPrimary: 'boolean' },
      };
    case 'OpportunityHistory':
      return {
        soql: `SELECT Id, OpportunityId, StageName, CreatedDate, CloseDate, Amount, Probability, PrevCloseDate, PrevAmount FROM OpportunityHistory WHERE IsDeleted = false AND ${ofDeals('OpportunityId')}`,
        operation: 'queryAll',
        dealIdColumn: 'OpportunityId',
        fieldTypes: { ...CREATED, Amount: 'currency', Probability: 'percent', PrevAmount: 'currency' },
      };
    case 'OpportunityFieldHistory':
      return {
        soql: `SELECT Id, OpportunityId, Field, OldValue, NewValue, CreatedDate FROM OpportunityFieldHistory WHERE Field IN ('CloseDate', 'NextStep') AND IsDeleted = false AND ${ofDeals('OpportunityId')}`,
        operation: 'queryAll',
        dealIdColumn: 'OpportunityId',
        fieldTypes: CREATED,
      };
    case 'Task':
      return { soql: `SELECT ${taskFields(options.taskKeyField).join(', ')} FROM Task WHERE IsDeleted = false AND ${ofDeals('WhatId')}`, operation: 'queryAll', dealIdColumn: 'WhatId', fieldTypes: { ...CREATED, IsClosed: 'boolean' } };
    case 'Event':
      return { soql: `SELECT ${EVENT_FIELDS.join(', ')} FROM Event WHERE IsDeleted = false AND ${ofDeals('WhatId')}`, operation: 'queryAll', dealIdColumn: 'WhatId', fieldTypes: { ...CREATED, StartDateTime: 'datetime' } };
    case 'TaskRelation':
      return {
        soql: `SELECT Id, TaskId, RelationId, Task.WhatId FROM TaskRelation WHERE IsWhat = false AND IsDeleted = false AND TaskId IN (SELECT Id FROM Task WHERE IsDeleted = false AND WhatId != null)`,
        operation: 'queryAll',
        dealIdColumn: 'Task.WhatId',
        fieldTypes: {},
      };
    case 'EventRelation':
      return {
        soql: `SELECT Id, EventId, RelationId, Event.WhatId FROM EventRelation WHERE IsWhat = false AND IsParent = true AND IsDeleted = false AND EventId IN (SELECT Id FROM Event WHERE IsDeleted = false AND WhatId != null)`,
        operation: 'queryAll',
        dealIdColumn: 'Event.WhatId',
        fieldTypes: {},
      };
  }
}
