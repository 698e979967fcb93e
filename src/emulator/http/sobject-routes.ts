import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toId18 } from '../ids.js';
import type { SObjectDef } from '../model.js';
import { describeGlobal, describeSObject } from '../schema/describe.js';
import type { OrgContext } from './context.js';
import { ApiError, apiError, notFound } from './errors.js';
import { bodyFields, errorItems, failedSaveStatus, fieldList, wireRecord } from './records.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Wire datetime, 'YYYY-MM-DDTHH:mm:ss.SSS+0000'. */
export function wireDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** The object named in the path, or 404 NOT_FOUND as Salesforce answers for an unknown type. */
export function objectOf(org: OrgContext, name: string): SObjectDef {
  const def = org.schema.object(name);
  if (!def) throw notFound();
  return def;
}

/** The 18-character id of a record of `def` in a path; a wrong-object or malformed id is "not found". */
function pathId(def: SObjectDef, raw: string): string {
  const id = toId18(raw);
  if (!id || !id.startsWith(def.keyPrefix)) {
    throw apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${raw}`);
  }
  return id;
}

function replicationWindow(request: FastifyRequest, org: OrgContext, maxDays: number): { start: Date; end: Date; covered: Date } {
  const { start, end } = request.query as { start?: string; end?: string };
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

/**
 * `/sobjects`: describe, single-record CRUD, upsert by external id, and the replication resources
 * `updated/` and `deleted/`. Every write acts as the session's user.
 */
export function registerSObjectRoutes(api: FastifyInstance, org: OrgContext): void {
  const actingUser = (request: FastifyRequest) => request.orgSession?.userId ?? org.userId;

  const version = (request: FastifyRequest) => `${request.apiVersion}.0`;

  api.get('/sobjects', async (request) => describeGlobal(org.schema, version(request)));

  api.get('/sobjects/:type', async (request) => {
    const def = objectOf(org, (request.params as { type: string }).type);
    const { sobjects } = describeGlobal(org.schema, version(request)) as { sobjects: { name: string }[] };
    return { objectDescribe: sobjects.find((entry) => entry.name === def.name), recentItems: [] };
  });

  api.get('/sobjects/:type/describe', async (request) => {
    const def = objectOf(org, (request.params as { type: string }).type);
    return describeSObject(def, version(request));
  });

  api.get('/sobjects/:type/updated', async (request) => {
    const def = objectOf(org, (request.params as { type: string }).type);
    const window = replicationWindow(request, org, 30);
    return {
      ids: org.store.updatedIds(def.name, window.start.toISOString(), window.end.toISOString()),
      latestDateCovered: wireDateTime(window.covered),
    };
  });

  api.get('/sobjects/:type/deleted', async (request) => {
    const def = objectOf(org, (request.params as { type: string }).type);
    const window = replicationWindow(request, org, 15);
    const refs = org.store.deletedRefs(def.name, window.start.toISOString(), window.end.toISOString());
    return {
      deletedRecords: refs.map((ref) => ({ id: ref.id, deletedDate: ref.deletedDate })),
      earliestDateAvailable: wireDateTime(new Date(Math.floor((org.clock.now().getTime() - 15 * DAY_MS) / 60_000) * 60_000)),
      latestDateCovered: wireDateTime(window.covered),
    };
  });

  api.get('/sobjects/:type/:id', async (request) => {
    const params = request.params as { type: string; id: string };
    const def = objectOf(org, params.type);
    const id = pathId(def, params.id);
    const record = org.store.retrieve(def.name, id);
    if (!record) throw notFound();
    return wireRecord(def, record, request.apiVersion, fieldList(def, (request.query as { fields?: string }).fields));
  });

  api.post('/sobjects/:type', async (request, reply) => {
    const def = objectOf(org, (request.params as { type: string }).type);
    const result = org.store.create(def.name, bodyFields(request.body), actingUser(request));
    if (!result.success) throw new ApiError(failedSaveStatus(result), errorItems(result.errors));
    return reply.code(201).send({ id: result.id, success: true, errors: [] });
  });

  api.patch('/sobjects/:type/:id', async (request, reply) => {
    const params = request.params as { type: string; id: string };
    const def = objectOf(org, params.type);
    const id = pathId(def, params.id);
    if (!org.store.retrieve(def.name, id)) {
      if (org.store.byId(id)) throw apiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
      throw notFound();
    }
    const result = org.store.update(def.name, id, bodyFields(request.body), actingUser(request));
    if (!result.success) throw new ApiError(failedSaveStatus(result), errorItems(result.errors));
    return reply.code(204).send();
  });

  api.delete('/sobjects/:type/:id', async (request, reply) => {
    const params = request.params as { type: string; id: string };
    const def = objectOf(org, params.type);
    const id = pathId(def, params.id);
    if (!org.store.retrieve(def.name, id)) {
      if (org.store.byId(id)) throw apiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
      throw notFound();
    }
    const result = org.store.delete(id, actingUser(request));
    if (!result.success) throw new ApiError(failedSaveStatus(result), errorItems(result.errors));
    return reply.code(204).send();
  });

  const upsert = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = request.params as { type: string; field: string; value: string };
    const def = objectOf(org, params.type);
    const field = org.schema.field(def.name, params.field);
    if (!field || !(field.externalId || field.name === 'Id')) {
      throw apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${params.field}`);
    }
    const result = org.store.upsert(def.name, field.name, params.value, bodyFields(request.body), actingUser(request));
    if (!result.success) {
      const status = result.errors[0]?.statusCode === 'MULTIPLE_CHOICES' ? 300 : failedSaveStatus(result);
      throw new ApiError(status, errorItems(result.errors));
    }
    if (result.created) return reply.code(201).send({ id: result.id, success: true, errors: [], created: true });
    // Since API 46.0 an update by upsert answers 200 with the result; before, 204 without a body.
    if (request.apiVersion >= 46) return reply.code(200).send({ id: result.id, success: true, errors: [], created: false });
    return reply.code(204).send();
  };
  api.patch('/sobjects/:type/:field/:value', upsert);

  api.get('/sobjects/:type/:field/:value', async (request) => {
    const params = request.params as { type: string; field: string; value: string };
    const def = objectOf(org, params.type);
    const field = org.schema.field(def.name, params.field);
    if (!field?.externalId) {
      throw apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${params.field}`);
    }
    const matches = [];
    for (const row of org.store.rows(def.name)) {
      if (!row.IsDeleted && row[field.name] !== null && row[field.name] !== undefined && String(row[field.name]) === params.value) matches.push(row);
    }
    if (matches.length === 0) throw notFound();
    if (matches.length > 1) {
      throw apiError(300, 'MULTIPLE_CHOICES', `More than one record found for external id field ${field.name} with value ${params.value}`);
    }
    return wireRecord(def, matches[0]!, request.apiVersion, fieldList(def, (request.query as { fields?: string }).fields));
  });
}
