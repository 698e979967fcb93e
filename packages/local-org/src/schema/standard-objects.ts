/**
 * The standard objects the local org serves, with the fields, types, lengths and picklists a
 * Salesforce Enterprise org describes for them (a subset: what dealrisk and its demo touch).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/
 */
import { KEY_PREFIX } from '../ids.js';
import type { ChildRelationshipDef, FieldDef, SObjectDef } from '../model.js';
import {
  READ_ONLY,
  REQUIRED,
  address,
  auditFields,
  checkbox,
  date,
  dateTime,
  field,
  idField,
  numeric,
  picklist,
  reference,
  text,
  textArea,
} from './fields.js';

/** One stage of the standard Opportunity stage picklist. */
export interface StandardStage {
  name: string;
  probability: number;
  isClosed: boolean;
  isWon: boolean;
  forecastCategoryName: string;
}

/**
 * The stage picklist a new org ships with (used when no OpportunityStage rows are loaded).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitystage.htm
 */
export const STANDARD_STAGES: readonly StandardStage[] = [
  { name: 'Prospecting', probability: 10, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Qualification', probability: 10, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Needs Analysis', probability: 20, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Value Proposition', probability: 50, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Id. Decision Makers', probability: 60, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Perception Analysis', probability: 70, isClosed: false, isWon: false, forecastCategoryName: 'Best Case' },
  { name: 'Proposal/Price Quote', probability: 75, isClosed: false, isWon: false, forecastCategoryName: 'Best Case' },
  { name: 'Negotiation/Review', probability: 90, isClosed: false, isWon: false, forecastCategoryName: 'Commit' },
  { name: 'Closed Won', probability: 100, isClosed: true, isWon: true, forecastCategoryName: 'Closed' },
  { name: 'Closed Lost', probability: 0, isClosed: true, isWon: false, forecastCategoryName: 'Omitted' },
];

/** Forecast category labels (ForecastCategoryName) and their API values (ForecastCategory). */
export const FORECAST_CATEGORY_BY_NAME: Readonly<Record<string, string>> = {
  Omitted: 'Omitted',
  Pipeline: 'Pipeline',
  'Best Case': 'BestCase',
  Commit: 'Forecast',
  Closed: 'Closed',
};

/**
 * The standard picklist as OpportunityStage rows (without Id and audit fields), in sort order:
 * what a new org holds, for the store's built-in stages and the demo dataset alike.
 */
export function standardStageRows(): Record<string, unknown>[] {
  return STANDARD_STAGES.map((stage, index) => ({
    MasterLabel: stage.name,
    ApiName: stage.name,
    SortOrder: index + 1,
    IsActive: true,
    IsClosed: stage.isClosed,
    IsWon: stage.isWon,
    DefaultProbability: stage.probability,
    ForecastCategory: FORECAST_CATEGORY_BY_NAME[stage.forecastCategoryName] ?? 'Pipeline',
    ForecastCategoryName: stage.forecastCategoryName,
  }));
}

/**
 * Opportunity fields with field history tracking on, and the DataType their OpportunityFieldHistory
 * rows carry; the row Salesforce writes for the creation itself has Field 'created'.
 */
export const FIELD_HISTORY_DATA_TYPES = { created: 'Text', StageName: 'DynamicEnum', Amount: 'Currency', CloseDate: 'Date' } as const;

/** The standard Task statuses; only Completed counts as closed. */
export const TASK_STATUSES: readonly { value: string; isClosed: boolean }[] = [
  { value: 'Not Started', isClosed: false },
  { value: 'In Progress', isClosed: false },
  { value: 'Completed', isClosed: true },
  { value: 'Waiting on someone else', isClosed: false },
  { value: 'Deferred', isClosed: false },
];

/** The standard Lead Source picklist (Account, Contact and Opportunity share it). */
export const LEAD_SOURCES: readonly string[] = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRIES = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting',
  'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage',
  'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit',
  'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other',
];
/** The standard OpportunityContactRole.Role picklist. */
export const CONTACT_ROLES: readonly string[] = [
  'Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator', 'Executive Sponsor',
  'Influencer', 'Technical Buyer', 'Other',
];
const ACTIVITY_TYPES = ['Call', 'Email', 'Meeting', 'Other'];
const FORECAST_NAMES = Object.keys(FORECAST_CATEGORY_BY_NAME);
const FORECAST_VALUES = Object.values(FORECAST_CATEGORY_BY_NAME);

const owner = (): FieldDef => reference('OwnerId', 'Owner ID', ['User'], 'Owner', { nillable: false });
// The primary of the activity's people (shared-activities.ts): a Contact or a Lead.
const whoId = (): FieldDef => reference('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who');
const whatId = (): FieldDef => reference('WhatId', 'Related To ID', ['Opportunity', 'Account'], 'What');
const activityAccount = (): FieldDef => reference('AccountId', 'Account ID', ['Account'], 'Account', READ_ONLY);
const standard = { lastModified: true, systemModstamp: true };

interface ObjectSpec {
  name: keyof typeof KEY_PREFIX;
  label: string;
  labelPlural: string;
  /** Clients may not create/update/delete rows (system-maintained objects). */
  readOnly?: boolean;
  /** Rows can be created and updated but not deleted (Users are deactivated instead). */
  undeletable?: boolean;
  fields: FieldDef[];
  children?: ChildRelationshipDef[];
}

const rel = (relationshipName: string, childSObject: string, fieldName: string, cascadeDelete: boolean): ChildRelationshipDef => ({
  relationshipName,
  childSObject,
  field: fieldName,
  cascadeDelete,
});

const SPECS: ObjectSpec[] = [
  {
    name: 'Organization',
    label: 'Organization',
    labelPlural: 'Organizations',
    readOnly: true,
    fields: [
      idField('Organization'),
      text('Name', 'Name', 80, READ_ONLY),
      picklist('OrganizationType', 'Edition', ['Team Edition', 'Professional Edition', 'Enterprise Edition', 'Developer Edition', 'Unlimited Edition'], READ_ONLY),
      text('InstanceName', 'Instance Name', 5, READ_ONLY),
      checkbox('IsSandbox', 'Is Sandbox', READ_ONLY),
      text('Country', 'Country', 80, READ_ONLY),
      picklist('DefaultLocaleSidKey', 'Locale', ['en_US', 'en_GB', 'de_DE', 'fr_FR'], READ_ONLY),
      picklist('LanguageLocaleKey', 'Language', ['en_US', 'de', 'fr'], READ_ONLY),
      picklist('TimeZoneSidKey', 'Default Time Zone', ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'GMT'], READ_ONLY),
      numeric('FiscalYearStartMonth', 'Fiscal Year Starts In', 'int', 2, 0, READ_ONLY),
      text('NamespacePrefix', 'Namespace Prefix', 15, READ_ONLY),
      dateTime('TrialExpirationDate', 'Trial Expiration Date', READ_ONLY),
      // The org-wide sharing default for Opportunity: None (Private), Read or Edit (Public Read Only, Public Read/Write).
      picklist('DefaultOpportunityAccess', 'Default Opportunity Access', ['None', 'Read', 'Edit'], READ_ONLY),
      ...auditFields(standard),
    ],
  },
  {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    undeletable: true,
    fields: [
      idField('User'),
      text('Username', 'Username', 80, { ...REQUIRED, unique: true }),
      text('LastName', 'Last Name', 80, REQUIRED),
      text('FirstName', 'First Name', 40),
      text('Name', 'Full Name', 121, READ_ONLY),
      field('Email', 'Email', 'email', { length: 128, ...REQUIRED }),
      text('Alias', 'Alias', 8, REQUIRED),
      text('Title', 'Title', 80),
      text('Department', 'Department', 80),
      text('CompanyName', 'Company Name', 80),
      checkbox('IsActive', 'Active', { defaultValue: true }),
      reference('ProfileId', 'Profile ID', ['Profile'], 'Profile'),
      reference('UserRoleId', 'Role ID', ['UserRole'], 'UserRole'),
      reference('ManagerId', 'Manager ID', ['User'], 'Manager'),
      picklist('TimeZoneSidKey', 'Time Zone', ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'GMT'], REQUIRED),
      picklist('LocaleSidKey', 'Locale', ['en_US', 'en_GB', 'de_DE', 'fr_FR'], REQUIRED),
      picklist('EmailEncodingKey', 'Email Encoding', ['UTF-8', 'ISO-8859-1'], REQUIRED),
      picklist('LanguageLocaleKey', 'Language', ['en_US', 'de', 'fr'], REQUIRED),
      ...auditFields(standard),
    ],
  },
  {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    fields: [
      idField('Account'),
      text('Name', 'Account Name', 255, REQUIRED),
      picklist('Type', 'Account Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other']),
      picklist('Industry', 'Industry', INDUSTRIES),
      numeric('AnnualRevenue', 'Annual Revenue', 'currency', 18, 0),
      numeric('NumberOfEmployees', 'Employees', 'int', 8, 0),
      reference('ParentId', 'Parent Account ID', ['Account'], 'Parent'),
      owner(),
      ...address('Billing', 'Billing'),
      field('Phone', 'Account Phone', 'phone', { length: 40 }),
      field('Website', 'Website', 'url', { length: 255 }),
      picklist('AccountSource', 'Account Source', LEAD_SOURCES),
      textArea('Description', 'Account Description', 32000),
      date('LastActivityDate', 'Last Activity', READ_ONLY),
      ...auditFields(standard),
    ],
    children: [
      rel('ChildAccounts', 'Account', 'ParentId', false),
      rel('Contacts', 'Contact', 'AccountId', true),
      rel('Opportunities', 'Opportunity', 'AccountId', true),
      rel('Tasks', 'Task', 'WhatId', true),
      rel('Events', 'Event', 'WhatId', true),
    ],
  },
  {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    fields: [
      idField('Contact'),
      reference('AccountId', 'Account ID', ['Account'], 'Account'),
      picklist('Salutation', 'Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.']),
      text('FirstName', 'First Name', 40),
      text('LastName', 'Last Name', 80, REQUIRED),
      text('Name', 'Full Name', 121, READ_ONLY),
      field('Email', 'Email', 'email', { length: 80 }),
      text('Title', 'Title', 128),
      text('Department', 'Department', 80),
      field('Phone', 'Business Phone', 'phone', { length: 40 }),
      field('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
      ...address('Mailing', 'Mailing'),
      reference('ReportsToId', 'Reports To ID', ['Contact'], 'ReportsTo'),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      owner(),
      textArea('Description', 'Contact Description', 32000),
      date('LastActivityDate', 'Last Activity', READ_ONLY),
      ...auditFields(standard),
    ],
    children: [
      rel('OpportunityContactRoles', 'OpportunityContactRole', 'ContactId', true),
      rel('Tasks', 'Task', 'WhoId', true),
      rel('Events', 'Event', 'WhoId', true),
    ],
  },
  {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    fields: [
      idField('Opportunity'),
      reference('AccountId', 'Account ID', ['Account'], 'Account'),
      text('Name', 'Name', 120, REQUIRED),
      textArea('Description', 'Description', 32000),
      picklist('StageName', 'Stage', STANDARD_STAGES.map((s) => s.name), { ...REQUIRED, restrictedPicklist: true, trackHistory: true }),
      numeric('Amount', 'Amount', 'currency', 18, 2, { trackHistory: true }),
      numeric('Probability', 'Probability (%)', 'percent', 3, 0),
      numeric('ExpectedRevenue', 'Expected Amount', 'currency', 18, 2, READ_ONLY),
      date('CloseDate', 'Close Date', { ...REQUIRED, trackHistory: true }),
      picklist('Type', 'Opportunity Type', ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer']),
      text('NextStep', 'Next Step', 255),
      picklist('LeadSource', 'Lead Source', LEAD_SOURCES),
      checkbox('IsClosed', 'Closed', READ_ONLY),
      checkbox('IsWon', 'Won', READ_ONLY),
      picklist('ForecastCategory', 'Forecast Category', FORECAST_VALUES, { ...READ_ONLY, nillable: false }),
      // Users may override the stage's forecast category; a stage change resets it.
      picklist('ForecastCategoryName', 'Forecast Category', FORECAST_NAMES, { restrictedPicklist: true }),
      owner(),
      date('LastActivityDate', 'Last Activity', READ_ONLY),
      dateTime('LastStageChangeDate', 'Last Stage Change Date', { ...READ_ONLY, sinceVersion: 52 }),
      checkbox('HasOpenActivity', 'Has Open Activity', READ_ONLY),
      checkbox('HasOverdueTask', 'Has Overdue Task', READ_ONLY),
      text('Fiscal', 'Fiscal Period', 6, READ_ONLY),
      numeric('FiscalQuarter', 'Fiscal Quarter', 'int', 1, 0, READ_ONLY),
      numeric('FiscalYear', 'Fiscal Year', 'int', 4, 0, READ_ONLY),
      ...auditFields(standard),
    ],
    children: [
      rel('OpportunityContactRoles', 'OpportunityContactRole', 'OpportunityId', true),
      rel('OpportunityHistories', 'OpportunityHistory', 'OpportunityId', true),
      rel('Histories', 'OpportunityFieldHistory', 'OpportunityId', true),
      rel('Tasks', 'Task', 'WhatId', true),
      rel('Events', 'Event', 'WhatId', true),
    ],
  },
  {
    name: 'OpportunityStage',
    label: 'Opportunity Stage',
    labelPlural: 'Opportunity Stages',
    readOnly: true,
    fields: [
      idField('Opportunity Stage'),
      text('MasterLabel', 'Master Label', 255, READ_ONLY),
      text('ApiName', 'Api Name', 255, READ_ONLY),
      checkbox('IsActive', 'Is Active', READ_ONLY),
      numeric('SortOrder', 'Sort Order', 'int', 9, 0, READ_ONLY),
      checkbox('IsClosed', 'Closed', READ_ONLY),
      checkbox('IsWon', 'Won', READ_ONLY),
      picklist('ForecastCategory', 'Forecast Type', FORECAST_VALUES, READ_ONLY),
      picklist('ForecastCategoryName', 'Forecast Category', FORECAST_NAMES, READ_ONLY),
      numeric('DefaultProbability', 'Probability', 'percent', 3, 0, READ_ONLY),
      text('Description', 'Description', 255, READ_ONLY),
      ...auditFields(standard),
    ],
  },
  {
    name: 'OpportunityContactRole',
    label: 'Opportunity Contact Role',
    labelPlural: 'Opportunity Contact Role',
    fields: [
      idField('Opportunity Contact Role'),
      reference('OpportunityId', 'Opportunity ID', ['Opportunity'], 'Opportunity', { ...REQUIRED, updateable: false }),
      reference('ContactId', 'Contact ID', ['Contact'], 'Contact', REQUIRED),
      picklist('Role', 'Role', CONTACT_ROLES),
      checkbox('IsPrimary', 'Primary'),
      ...auditFields(standard),
    ],
  },
  {
    name: 'OpportunityHistory',
    label: 'Opportunity History',
    labelPlural: 'Opportunity History',
    readOnly: true,
    fields: [
      idField('Opportunity History'),
      reference('OpportunityId', 'Opportunity ID', ['Opportunity'], 'Opportunity', { ...READ_ONLY, nillable: false }),
      picklist('StageName', 'Stage Name', STANDARD_STAGES.map((s) => s.name), READ_ONLY),
      numeric('Amount', 'Amount', 'currency', 18, 2, READ_ONLY),
      numeric('ExpectedRevenue', 'Expected Revenue', 'currency', 18, 2, READ_ONLY),
      date('CloseDate', 'Close Date', READ_ONLY),
      numeric('Probability', 'Probability (%)', 'percent', 3, 0, READ_ONLY),
      picklist('ForecastCategory', 'Forecast Category', FORECAST_VALUES, READ_ONLY),
      numeric('PrevAmount', 'Previous Amount', 'currency', 18, 2, READ_ONLY),
      date('PrevCloseDate', 'Previous Close Date', READ_ONLY),
      ...auditFields({ lastModified: false, systemModstamp: true }),
    ],
  },
  {
    name: 'OpportunityFieldHistory',
    label: 'Opportunity Field History',
    labelPlural: 'Opportunity Field History',
    readOnly: true,
    fields: [
      idField('Opportunity Field History'),
      reference('OpportunityId', 'Opportunity ID', ['Opportunity'], 'Opportunity', { ...READ_ONLY, nillable: false }),
      picklist('Field', 'Changed Field', Object.keys(FIELD_HISTORY_DATA_TYPES), READ_ONLY),
      text('DataType', 'Data Type', 40, READ_ONLY),
      // Salesforce types these anyType: the wire value keeps the tracked field's own type.
      // Sortable (ordered as text), not filterable, as the Object Reference lists them.
      text('OldValue', 'Old Value', 255, { ...READ_ONLY, filterable: false }),
      text('NewValue', 'New Value', 255, { ...READ_ONLY, filterable: false }),
      ...auditFields({ lastModified: false, systemModstamp: false }),
    ],
  },
  {
    name: 'Task',
    label: 'Task',
    labelPlural: 'Tasks',
    fields: [
      idField('Activity'),
      whoId(),
      whatId(),
      text('Subject', 'Subject', 255),
      date('ActivityDate', 'Due Date Only'),
      picklist('Status', 'Status', TASK_STATUSES.map((s) => s.value), { nillable: false, defaultValue: 'Not Started', restrictedPicklist: true }),
      picklist('Priority', 'Priority', ['High', 'Normal', 'Low'], { nillable: false, defaultValue: 'Normal', restrictedPicklist: true }),
      checkbox('IsHighPriority', 'High Priority', READ_ONLY),
      owner(),
      textArea('Description', 'Description', 32000),
      picklist('Type', 'Type', ACTIVITY_TYPES),
      picklist('TaskSubtype', 'Task Subtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], { updateable: false, restrictedPicklist: true }),
      checkbox('IsClosed', 'Closed', READ_ONLY),
      dateTime('CompletedDateTime', 'Completed Date/Time', READ_ONLY),
      activityAccount(),
      checkbox('IsArchived', 'Archived', READ_ONLY),
      ...auditFields(standard),
    ],
  },
  {
    name: 'Event',
    label: 'Event',
    labelPlural: 'Events',
    fields: [
      idField('Activity'),
      whoId(),
      whatId(),
      text('Subject', 'Subject', 255),
      text('Location', 'Location', 255),
      checkbox('IsAllDayEvent', 'All-Day Event'),
      dateTime('ActivityDateTime', 'Due Date Time'),
      date('ActivityDate', 'Due Date Only'),
      numeric('DurationInMinutes', 'Duration', 'int', 8, 0),
      dateTime('StartDateTime', 'Start Date Time'),
      dateTime('EndDateTime', 'End Date Time'),
      textArea('Description', 'Description', 32000),
      picklist('Type', 'Type', ACTIVITY_TYPES),
      picklist('EventSubtype', 'Event Subtype', ['Event'], { updateable: false, restrictedPicklist: true }),
      picklist('ShowAs', 'Show Time As', ['Busy', 'OutOfOffice', 'Free'], { defaultValue: 'Busy' }),
      owner(),
      activityAccount(),
      checkbox('IsArchived', 'Archived', READ_ONLY),
      ...auditFields(standard),
    ],
  },
];

/** Builds the standard objects (fresh copies: callers may add custom fields). */
export function standardObjects(): SObjectDef[] {
  return SPECS.map((spec) => ({
    name: spec.name,
    label: spec.label,
    labelPlural: spec.labelPlural,
    keyPrefix: KEY_PREFIX[spec.name],
    custom: false,
    createable: !spec.readOnly,
    updateable: !spec.readOnly,
    deletable: !spec.readOnly && !spec.undeletable,
    queryable: true,
    fields: structuredClone(spec.fields),
    childRelationships: (spec.children ?? []).map((c) => ({ ...c })),
  }));
}
