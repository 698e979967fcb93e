/**
 * ActivityHistory and OpenActivity: read-only views of Tasks and Events, reached only as child
 * relationships of the records they relate to (`ActivityHistories`, `OpenActivities`). Salesforce
 * supports no query of their own ("Supported Calls: describeSObjects()"), so they describe as not
 * queryable and their rows are built by the SOQL engine (soql/activity-views.ts).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_activityhistory.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_openactivity.htm
 */
import type { ChildRelationshipDef, FieldDef, SObjectDef } from '../model.js';
import { READ_ONLY, checkbox, picklist } from './fields.js';

/** The two views and what they show: closed Tasks and past Events, or open Tasks and Events still to come. */
export const ACTIVITY_VIEWS = {
  ActivityHistory: { label: 'Activity History', labelPlural: 'Activity Histories', relationshipName: 'ActivityHistories', shows: 'closed' },
  OpenActivity: { label: 'Open Activity', labelPlural: 'Open Activities', relationshipName: 'OpenActivities', shows: 'open' },
} as const;

export type ActivityViewName = keyof typeof ACTIVITY_VIEWS;

/** Whether an object is one of the activity views. */
export function isActivityView(name: string): name is ActivityViewName {
  return Object.hasOwn(ACTIVITY_VIEWS, name);
}

/** The fields of Task or Event a view shows under the same name (the others it derives). */
const SHARED_FIELDS = [
  'Id', 'AccountId', 'WhoId', 'WhatId', 'Subject', 'ActivityDate', 'ActivityDateTime', 'Description', 'DurationInMinutes',
  'EndDateTime', 'IsAllDayEvent', 'IsClosed', 'IsHighPriority', 'Location', 'OwnerId', 'Priority', 'StartDateTime', 'Status',
  'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp',
];

/** The view's own fields: what kind of activity a row is. */
function derivedFields(task: SObjectDef, event: SObjectDef): FieldDef[] {
  const subtypes = (def: SObjectDef, name: string) => def.fields.find((f) => f.name === name)?.picklistValues ?? [];
  const types = task.fields.find((f) => f.name === 'Type')?.picklistValues ?? [];
  return [
    checkbox('IsTask', 'Task', READ_ONLY),
    picklist('ActivitySubtype', 'Activity Subtype', [...new Set([...subtypes(task, 'TaskSubtype'), ...subtypes(event, 'EventSubtype')])], { ...READ_ONLY, restrictedPicklist: true }),
    picklist('ActivityType', 'Type', types, READ_ONLY),
  ];
}

/**
 * The two view objects, built from the org's Task and Event (custom Activity fields included,
 * since Salesforce shows those on the views too). Every field is read-only.
 */
export function activityViewObjects(task: SObjectDef, event: SObjectDef): SObjectDef[] {
  const fromActivity = (name: string): FieldDef | undefined => task.fields.find((f) => f.name === name) ?? event.fields.find((f) => f.name === name);
  const custom = task.fields.filter((f) => f.custom && event.fields.some((e) => e.name === f.name));
  const shared = [...SHARED_FIELDS.map(fromActivity).filter((f): f is FieldDef => f !== undefined), ...custom];
  const fields = [...shared, ...derivedFields(task, event)].map((f) => ({ ...structuredClone(f), createable: false, updateable: false }));
  return (Object.keys(ACTIVITY_VIEWS) as ActivityViewName[]).map((name) => ({
    name,
    label: ACTIVITY_VIEWS[name].label,
    labelPlural: ACTIVITY_VIEWS[name].labelPlural,
    // Rows keep their Task (00T) or Event (00U) ids; the view has no key prefix of its own.
    keyPrefix: '',
    custom: false,
    createable: false,
    updateable: false,
    deletable: false,
    queryable: false,
    fields: structuredClone(fields),
    childRelationships: [],
  }));
}

/**
 * The `ActivityHistories` and `OpenActivities` relationships of a parent: Accounts by the
 * activities' AccountId (which includes those of its contacts and opportunities), Contacts by
 * WhoId, Opportunities by WhatId.
 */
export function activityViewRelationships(parent: 'Account' | 'Contact' | 'Opportunity'): ChildRelationshipDef[] {
  const field = parent === 'Account' ? 'AccountId' : parent === 'Contact' ? 'WhoId' : 'WhatId';
  return (Object.keys(ACTIVITY_VIEWS) as ActivityViewName[]).map((name) => ({
    relationshipName: ACTIVITY_VIEWS[name].relationshipName,
    childSObject: name,
    field,
    cascadeDelete: false,
  }));
}
