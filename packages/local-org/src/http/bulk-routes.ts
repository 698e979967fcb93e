/**
 * Bulk API 2.0 under `/services/data/vXX.X/jobs/`: query jobs (`jobs/query`) and ingest jobs
 * (`jobs/ingest`). Registered inside the versioned API scope, so each call is authenticated and
 * counts as one API request, as on Salesforce; query jobs also spend DailyBulkV2QueryJobs and
 * ingest runs DailyBulkApiBatches.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/bulk_api_2_0.htm
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ingestJobInfo, ingestJobSummary, uploadTooLarge } from '../bulk/ingest-jobs.js';
import { queryJobInfo, queryJobSummary } from '../bulk/query-jobs.js';
import { jobBody } from '../bulk/jobs.js';
import type { OrgContext } from './context.js';
import { apiError } from './errors.js';

/** Fastify's own body limit for uploads sits above the 150 MB (base64) rule, so the org answers that rule itself. */
const UPLOAD_BODY_LIMIT = 160 * 1024 * 1024;

type Params = { id: string };

function userOf(request: FastifyRequest, org: OrgContext): string {
  return request.orgSession?.userId ?? org.userId;
}

function sendCsv(reply: FastifyReply, csv: string): FastifyReply {
  return reply.code(200).header('Content-Type', 'text/csv; charset=UTF-8').send(csv);
}

/** The job list's wire shape: one page holding every job. */
function jobList(records: Record<string, unknown>[]): Record<string, unknown> {
  return { done: true, records, nextRecordsUrl: null };
}

/** The `state` a PATCH asks for. */
function requestedState(body: unknown): unknown {
  return jobBody(body).state;
}

function registerQueryRoutes(bulk: FastifyInstance, org: OrgContext): void {
  bulk.post('/jobs/query', async (request) => {
    if (!org.usage.consume('DailyBulkV2QueryJobs')) throw apiError(400, 'EXCEEDEDQUOTA', 'The DailyBulkV2QueryJobs allowance is used up for the last 24 hours');
    const userId = userOf(request, org);
    return queryJobSummary(org.bulk.query.create(request.body, org.viewFor(userId, request.apiVersion), userId, request.apiVersion));
  });
  bulk.get('/jobs/query', async () => jobList(org.bulk.query.list().map(queryJobSummary)));
  bulk.get<{ Params: Params }>('/jobs/query/:id', async (request) => queryJobInfo(org.bulk.query.get(request.params.id)));
  bulk.patch<{ Params: Params }>('/jobs/query/:id', async (request) => {
    const state = requestedState(request.body);
    if (state !== 'Aborted') throw apiError(400, 'INVALIDJOB', `Invalid state: ${String(state)}. A query job can only be set to Aborted`);
    return queryJobInfo(org.bulk.query.abort(request.params.id));
  });
  bulk.delete<{ Params: Params }>('/jobs/query/:id', async (request, reply) => {
    org.bulk.query.delete(request.params.id);
    return reply.code(204).send();
  });
  bulk.get<{ Params: Params; Querystring: { locator?: string; maxRecords?: string } }>('/jobs/query/:id/results', async (request, reply) => {
    const page = org.bulk.query.results(request.params.id, request.apiVersion, request.query.locator, request.query.maxRecords);
    void reply.header('Sforce-Locator', page.locator).header('Sforce-NumberOfRecords', String(page.numberOfRecords));
    return sendCsv(reply, page.csv);
  });
}

function registerIngestRoutes(bulk: FastifyInstance, org: OrgContext): void {
  bulk.post('/jobs/ingest', async (request) => {
    const userId = userOf(request, org);
    return ingestJobSummary(org.bulk.ingest.create(request.body, org.viewFor(userId, request.apiVersion).schema, userId, request.apiVersion));
  });
  bulk.get('/jobs/ingest', async () => jobList(org.bulk.ingest.list().map(ingestJobSummary)));
  bulk.get<{ Params: Params }>('/jobs/ingest/:id', async (request) => ingestJobInfo(org.bulk.ingest.get(request.params.id)));
  bulk.put<{ Params: Params }>('/jobs/ingest/:id/batches', { bodyLimit: UPLOAD_BODY_LIMIT }, async (request, reply) => {
    const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (uploadTooLarge(data.length)) {
      throw apiError(413, 'REQUEST_TOO_LARGE', 'Job data may not exceed 150 MB once base64 encoded (about 100 MB of CSV)');
    }
    org.bulk.ingest.upload(request.params.id, data.toString('utf8'));
    return reply.code(201).send();
  });
  bulk.patch<{ Params: Params }>('/jobs/ingest/:id', async (request) => {
    const userId = userOf(request, org);
    return ingestJobInfo(org.bulk.ingest.setState(request.params.id, requestedState(request.body), org.viewFor(userId, request.apiVersion)));
  });
  bulk.delete<{ Params: Params }>('/jobs/ingest/:id', async (request, reply) => {
    org.bulk.ingest.delete(request.params.id);
    return reply.code(204).send();
  });
  const results = [
    ['successfulResults', 'successful'],
    ['failedResults', 'failed'],
    ['unprocessedrecords', 'unprocessed'],
  ] as const;
  for (const [path, kind] of results) {
    bulk.get<{ Params: Params }>(`/jobs/ingest/:id/${path}`, async (request, reply) => sendCsv(reply, org.bulk.ingest.results(request.params.id, kind)));
  }
}

/** Registers the Bulk API 2.0 routes in the versioned API scope `api`. */
export function registerBulkRoutes(api: FastifyInstance, org: OrgContext): void {
  void api.register(async (bulk) => {
    // Job data arrives as text/csv; kept as bytes so its size can be checked against the upload limit.
    bulk.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, (_request, body, done) => done(null, body));
    registerQueryRoutes(bulk, org);
    registerIngestRoutes(bulk, org);
  });
}
