/**
 * Shared Activities: an activity relates to up to 50 contacts or one lead (WhoId is the primary
 * one) and to one other record (WhatId). TaskRelation and EventRelation hold those relations;
 * TaskWhoRelation and EventWhoRelation are read-only views of their contact and lead rows, with
 * the person's `Type`. Lead joins the objects so WhoId can point at one.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_taskrelation.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventrelation.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_taskwhorelation.htm
 */
import { KEY_PREFIX } from '../ids.js';
import type { ChildRelationshipDef, FieldDef, SObjectDef } from '../model.js';
import { READ_ONLY, REQUIRED, auditFields, checkbox, date, dateTime, field, idField, picklist, reference, text } from './fields.js';
import { LEAD_SOURCES } from './standard-objects.js';

/** Contacts one activity may relate to; a lead is always alone. */
export const MAX_ACTIVITY_CONTACTS = 50;

/** The who-relation views and the relation object each shows. */
export const WHO_RELATION_VIEWS = {
  TaskWhoRelation: { base: 'TaskRelation', activity: 'Task', activityField: 'TaskId', relationshipName: 'TaskWhoRelations' },
  EventWhoRelation: { base: 'EventRelation', activity: 'Event', activityField: 'EventId', relationshipName: 'EventWhoRelations' },
} as const;

export type WhoRelationViewName = keyof typeof WHO_RELATION_VIEWS;

/** Whether an object is one of the who-relation views. */
export function isWhoRelationView(name: string): name is WhoRelationViewName {
  return Object.hasOwn(WHO_RELATION_VIEWS, name);
}

const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
const standardAudit = () => auditFields({ lastModified: true, systemModstamp: true });

function objectDef(name: keyof typeof KEY_PREFIX, label: string, labelPlural: string, fields: FieldDef[], can: { update: boolean }): SObjectDef {
  return { name, label, labelPlural, keyPrefix: KEY_PREFIX[name], custom: false, createable: true, updateable: can.update, deletable: true, queryable: true, fields, childRelationships: [] };
}

function lead(): SObjectDef {
  return objectDef('Lead', 'Lead', 'Leads', [
    idField('Lead'),
    picklist('Salutation', 'Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.']),
    text('FirstName', 'First Name', 40),
    text('LastName', 'Last Name', 80, REQUIRED),
    text('Name', 'Full Name', 121, READ_ONLY),
    text('Title', 'Title', 128),
    text('Company', 'Company', 255, REQUIRED),
    field('Email', 'Email', 'email', { length: 80 }),
    field('Phone', 'Phone', 'phone', { length: 40 }),
    picklist('Status', 'Status', LEAD_STATUSES, { nillable: false, defaultValue: LEAD_STATUSES[0]!, restrictedPicklist: true }),
    picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
    checkbox('IsConverted', 'Converted', READ_ONLY),
    reference('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false }),
    date('LastActivityDate', 'Last Activity', READ_ONLY),
    ...standardAudit(),
  ], { update: true });
}

/** TaskRelation: create, delete and query only (no update), as the Object Reference lists its calls. */
function taskRelation(): SObjectDef {
  return objectDef('TaskRelation', 'Task Relation', 'Task Relations', [
    idField('Task Relation'),
    reference('TaskId', 'Task ID', ['Task'], 'Task', { ...REQUIRED, updateable: false }),
    reference('RelationId', 'Relation ID', ['Contact', 'Lead', 'Account', 'Opportunity'], 'Relation', { ...REQUIRED, updateable: false }),
    // Derived from RelationId: false for a contact or lead, true otherwise.
    checkbox('IsWhat', 'Is What', { updateable: false }),
    reference('AccountId', 'Account ID', ['Account'], 'Account', READ_ONLY),
    ...standardAudit(),
  ], { update: false });
}

function eventRelation(): SObjectDef {
  return objectDef('EventRelation', 'Event Relation', 'Event Relations', [
    idField('Event Relation'),
    reference('EventId', 'Event ID', ['Event'], 'Event', { ...REQUIRED, updateable: false }),
    reference('RelationId', 'Relation ID', ['Contact', 'Lead', 'User', 'Account', 'Opportunity'], 'Relation', { ...REQUIRED, updateable: false }),
    checkbox('IsWhat', 'Is What', { updateable: false }),
    // A related contact or lead (a who relation); an invitee may or may not be one.
    checkbox('IsParent', 'Is Parent'),
    checkbox('IsInvitee', 'Is Invitee'),
    picklist('Status', 'Status', ['New', 'Declined', 'Accepted'], { defaultValue: 'New', restrictedPicklist: true }),
    dateTime('RespondedDate', 'Response Date'),
    text('Response', 'Response', 255),
    reference('AccountId', 'Account ID', ['Account'], 'Account', READ_ONLY),
    ...standardAudit(),
  ], { update: true });
}

/** A who-relation view: the relation's contact and lead rows, read-only, with the person's Type. */
function whoRelationView(name: WhoRelationViewName): SObjectDef {
  const { activity, activityField } = WHO_RELATION_VIEWS[name];
  const label = `${activity} Who Relation`;
  const fields = [
    idField(`${activity} Relation`),
    reference(activityField, `${activity} ID`, [activity], activity, READ_ONLY),
    reference('RelationId', 'Relation ID', ['Contact', 'Lead'], 'Relation', READ_ONLY),
    text('Type', 'Type', 50, READ_ONLY),
    reference('AccountId', 'Account ID', ['Account'], 'Account', READ_ONLY),
    ...standardAudit(),
  ];
  // Rows keep their relation's id (0RT/0RE); the view owns no key prefix of its own.
  return { name, label, labelPlural: `${label}s`, keyPrefix: '', custom: false, createable: false, updateable: false, deletable: false, queryable: true, fields, childRelationships: [] };
}

/** Lead, the two relation objects and the two views. */
export function sharedActivityObjects(): SObjectDef[] {
  return [lead(), taskRelation(), eventRelation(), whoRelationView('TaskWhoRelation'), whoRelationView('EventWhoRelation')];
}

const rel = (relationshipName: string, childSObject: string, fieldName: string, cascadeDelete: boolean): ChildRelationshipDef => ({ relationshipName, childSObject, field: fieldName, cascadeDelete });

/** The child relationships the shared-activity objects add, by parent object. */
export const SHARED_ACTIVITY_RELATIONSHIPS: Readonly<Record<string, readonly ChildRelationshipDef[]>> = {
  Lead: [rel('Tasks', 'Task', 'WhoId', true), rel('Events', 'Event', 'WhoId', true)],
  // Deleting an activity deletes its relations (to the recycle bin with it).
  Task: [rel('TaskRelations', 'TaskRelation', 'TaskId', true), rel('TaskWhoRelations', 'TaskWhoRelation', 'TaskId', false)],
  Event: [rel('EventRelations', 'EventRelation', 'EventId', true), rel('EventWhoRelations', 'EventWhoRelation', 'EventId', false)],
};
