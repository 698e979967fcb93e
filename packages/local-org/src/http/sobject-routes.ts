import { toId18 } from '@dealrisk/salesforce-wire';
import { refuseByAccess } from '../access/index.js';
import type { FieldDef, SObjectDef, SRecord } from '../model.js';
import { describeGlobal, describeSObject, objectSummary } from '../schema/describe.js';
import { recordUrl } from '../soql/index.js';
import type { SaveResult } from '../store/types.js';
import { toWireDateTime } from '@dealrisk/salesforce-wire';
import type { OrgContext } from './context.js';
import { ApiError, apiError, notFound } from './errors.js';
import { ok, type OpInput, type OpResult, type Operation } from './operations.js';
import { bodyFields, errorItems, failedSaveStatus, fieldList, wireRecord } from './records.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The object named in the path, or 404 NOT_FOUND as Salesforce answers for an unknown type. */
export function objectOf(org: OrgContext, name: string): SObjectDef {
  const def = org.schema.object(name);
  if (!def) throw notFound();
  return def;
}

/** The object as the session's user sees it (fields field-level security hides are absent). */
export function visibleObjectOf(org: OrgContext, name: string, userId: string, apiVersion?: number): SObjectDef {
  const def = org.viewFor(userId, apiVersion).schema.object(name);
  if (!def) throw notFound();
  return def;
}

/** Refuses a write the session's user may not make (see refuseByAccess) as Salesforce answers it. */
export function checkWriteAccess(
  org: OrgContext,
  input: { userId: string; apiVersion: number },
  def: SObjectDef,
  fields: Record<string, unknown>,
  existing?: SRecord,
): void {
  const refused = refuseByAccess(org.viewFor(input.userId, input.apiVersion), def, fields, existing);
  if (refused) throw new ApiError(failedSaveStatus(refused), errorItems(refused.errors));
}

/**
 * Sub-resources Salesforce serves under `/sobjects/{T}/` (REST API Developer Guide, sObject
 * resources). The local org serves `describe`, `updated`, `deleted` and `listviews` (list-view-routes.ts); the others answer a plain
 * NOT_FOUND, as any unknown sub-resource does, rather than being read as a record id or an
 * external id field.
 */
const SOBJECT_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'describe', 'updated', 'deleted', 'listviews', 'quickactions', 'layouts', 'compactlayouts', 'approvallayouts', 'namedlayouts',
  'defaultvalues', 'eventschema', 'platformaction', 'suggestedarticles', 'richtextimagefields', 'password', 'passwordutilities',
]);

/** The 18-character id of a record of `def` in a path; a wrong-object id, a malformed one or any other segment is "not found". */
function pathId(def: SObjectDef, raw: string): string {
  const id = toId18(raw);
  if (!id || !id.startsWith(def.keyPrefix)) throw notFound();
  return id;
}

/**
 * The external id field of `/sobjects/{T}/{field}/{value}`. A sub-resource name (`describe/layouts`,
 * `listviews/{id}`…) or a record id (`{id}/{relationship}`, `{id}/{blobField}`) there is a resource
 * the local org does not serve: plain NOT_FOUND. Any other name must be an external id field.
 */
function externalIdPathField(org: OrgContext, def: SObjectDef, segment: string): FieldDef {
  const id = toId18(segment);
  if (SOBJECT_SUB_RESOURCES.has(segment.toLowerCase()) || (id !== undefined && org.schema.objectForId(id))) throw notFound();
  return externalIdField(org, def, segment);
}

function replicationWindow(input: OpInput, org: OrgContext, def: SObjectDef, maxDays: number): { start: Date; end: Date; covered: Date } {
  // Objects without a query of their own (the activity views) are not replicateable either.
  if (!def.queryable) throw apiError(400, 'INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support replication`);
  const { start, end } = input.query;
  if (!start || !end) throw apiError(400, 'MISSING_ARGUMENT', 'start and end are required');
  const startDate = new Date(start);
  const endDate = new Date(end);
  if (Number.isNaN(startDate.getTime()) || Number.isNaN(endDate.getTime())) {
    throw apiError(400, 'INVALID_REPLICATION_DATE', 'start and end must be valid dateTime values');
  }
  if (endDate.getTime() < startDate.getTime()) throw apiError(400, 'INVALID_REPLICATION_DATE', 'endDate before startDate');
  const now = org.clock.now();
  if (now.getTime() - startDate.getTime() > maxDays * DAY_MS) {
    throw apiError(400, 'INVALID_REPLICATION_DATE', `startDate cannot be more than ${maxDays} days ago`);
  }
  // Covered up to the end, or up to now when the end is in the future. (Salesforce works in whole
  // minutes; the local org does not round, so a record written a moment ago is already listed.)
  const covered = new Date(Math.min(endDate.getTime(), now.getTime()));
  return { start: startDate, end: covered, covered };
}

/** A live record by path id; a deleted one answers ENTITY_IS_DELETED, a missing one NOT_FOUND. */
function liveRecordId(org: OrgContext, def: SObjectDef, raw: string): string {
  const id = pathId(def, raw);
  if (!org.store.retrieve(def.name, id)) {
    if (org.store.byId(id)) throw apiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
    throw notFound();
  }
  return id;
}

/** The field an upsert or lookup by external id names: an external id field or Id, else 404 NOT_FOUND. */
export function externalIdField(org: OrgContext, def: SObjectDef, name: string): FieldDef {
  const field = org.schema.field(def.name, name);
  if (!field || !(field.externalId || field.name === 'Id')) {
    throw apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  }
  return field;
}

/**
 * 300 Multiple Choices: the external id value matches several records (an External ID field that
 * is not unique). The body lists the matching records' URLs; jsforce throws MULTIPLE_CHOICES with
 * them as `content`. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm
 */
function multipleChoices(org: OrgContext, def: SObjectDef, field: FieldDef, value: string, apiVersion: number): OpResult {
  const matches = org.store.findByExternalId(def.name, field.name, value);
  return { status: 300, body: matches.map((record) => recordUrl(apiVersion, def.name, record.Id)) };
}

function saved(result: SaveResult): SaveResult {
  if (!result.success) throw new ApiError(failedSaveStatus(result), errorItems(result.errors));
  return result;
}

/**
 * `/sobjects`: describe, single-record CRUD, upsert by external id, and the replication resources
 * `updated/` and `deleted/`. Every write acts as the session's user.
 */
export function sobjectOperations(org: OrgContext): Operation[] {
  const version = (input: OpInput) => `${input.apiVersion}.0`;
  const type = (input: OpInput) => objectOf(org, input.params.type ?? '');

  return [
    { method: 'GET', path: '/sobjects', run: (input) => ok(describeGlobal(org.viewFor(input.userId, input.apiVersion).schema, version(input))) },
    {
      method: 'GET',
      path: '/sobjects/:type',
      run: (input) => {
        return ok({ objectDescribe: objectSummary(type(input), version(input)), recentItems: [] });
      },
    },
    {
      method: 'GET',
      path: '/sobjects/:type/describe',
      // The store answers picklists the org's data defines (the stages), so describe shows this org's values.
      run: (input) =>
        ok(describeSObject(visibleObjectOf(org, input.params.type ?? '', input.userId, input.apiVersion), version(input), (objectName, f) => org.store.picklistValues(objectName, f.name))),
    },
    {
      method: 'GET',
      path: '/sobjects/:type/updated',
      run: (input) => {
        const def = type(input);
        const window = replicationWindow(input, org, def, 30);
        return ok({
          ids: org.store.updatedIds(def.name, window.start.toISOString(), window.end.toISOString()),
          latestDateCovered: toWireDateTime(window.covered),
        });
      },
    },
    {
      method: 'GET',
      path: '/sobjects/:type/deleted',
      run: (input) => {
        const def = type(input);
        const window = replicationWindow(input, org, def, 15);
        const refs = org.store.deletedRefs(def.name, window.start.toISOString(), window.end.toISOString());
        return ok({
          deletedRecords: refs.map((ref) => ({ id: ref.id, deletedDate: ref.deletedDate })),
          earliestDateAvailable: toWireDateTime(new Date(Math.floor((org.clock.now().getTime() - 15 * DAY_MS) / 60_000) * 60_000)),
          latestDateCovered: toWireDateTime(window.covered),
        });
      },
    },
    {
      method: 'GET',
      path: '/sobjects/:type/:id',
      run: (input) => {
        const def = visibleObjectOf(org, input.params.type ?? '', input.userId, input.apiVersion);
        const record = org.store.retrieve(def.name, pathId(def, input.params.id ?? ''));
        if (!record || !org.viewFor(input.userId, input.apiVersion).sees(record)) throw notFound();
        return ok(wireRecord(def, record, input.apiVersion, fieldList(def, input.query.fields)));
      },
    },
    {
      method: 'POST',
      path: '/sobjects/:type',
      run: (input) => {
        const def = type(input);
        const fields = bodyFields(input.body);
        checkWriteAccess(org, input, def, fields);
        const result = saved(org.store.create(def.name, fields, input.userId));
        return {
          status: 201,
          body: { id: result.id, success: true, errors: [] },
          headers: { location: recordUrl(input.apiVersion, def.name, result.id ?? '') },
        };
      },
    },
    {
      method: 'PATCH',
      path: '/sobjects/:type/:id',
      run: (input) => {
        const def = type(input);
        const id = liveRecordId(org, def, input.params.id ?? '');
        const fields = bodyFields(input.body);
        checkWriteAccess(org, input, def, fields, org.store.retrieve(def.name, id));
        saved(org.store.update(def.name, id, fields, input.userId));
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: '/sobjects/:type/:id',
      run: (input) => {
        const def = type(input);
        saved(org.store.delete(liveRecordId(org, def, input.params.id ?? ''), input.userId));
        return { status: 204 };
      },
    },
    {
      method: 'PATCH',
      path: '/sobjects/:type/:field/:value',
      run: (input) => {
        const def = type(input);
        const field = externalIdPathField(org, def, input.params.field ?? '');
        const value = input.params.value ?? '';
        const fields = bodyFields(input.body);
        const [existing] = org.store.findByExternalId(def.name, field.name, value);
        checkWriteAccess(org, input, def, fields, existing);
        const result = org.store.upsert(def.name, field.name, value, fields, input.userId);
        if (!result.success) {
          if (result.errors[0]?.statusCode === 'DUPLICATE_EXTERNAL_ID') return multipleChoices(org, def, field, value, input.apiVersion);
          throw new ApiError(failedSaveStatus(result), errorItems(result.errors));
        }
        if (result.created) return { status: 201, body: { id: result.id, success: true, errors: [], created: true } };
        // Since API 46.0 an update by upsert answers 200 with the result; before, 204 without a body.
        if (input.apiVersion >= 46) return ok({ id: result.id, success: true, errors: [], created: false });
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/sobjects/:type/:field/:value',
      run: (input) => {
        const def = visibleObjectOf(org, input.params.type ?? '', input.userId, input.apiVersion);
        const field = externalIdPathField(org, def, input.params.field ?? '');
        const value = input.params.value ?? '';
        // Ids are case-sensitive (and may come in 15 characters); external ids match as upsert matches them.
        const byId = field.type === 'id' ? org.store.retrieve(def.name, value) : undefined;
        const view = org.viewFor(input.userId, input.apiVersion);
        const matches = (field.type === 'id' ? (byId ? [byId] : []) : org.store.findByExternalId(def.name, field.name, value)).filter((record) => view.sees(record));
        if (matches.length === 0) throw notFound();
        if (matches.length > 1) return multipleChoices(org, def, field, value, input.apiVersion);
        return ok(wireRecord(def, matches[0]!, input.apiVersion, fieldList(def, input.query.fields)));
      },
    },
  ];
}
