import jsforce from 'jsforce';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../support/redis-server.js';
import { isSalesforceApiError, SalesforceApiError, toSalesforceApiError } from '../../../src/salesforce/salesforce-api-error.js';

const instanceUrl = 'https://dealrisk-test.my.salesforce.com';
const queryPath = /\/services\/data\/v62\.0\/query/;

/** What a real jsforce query throws when Salesforce answers as given (no retries, so 503 reaches us). */
async function jsforceError(reply: (scope: nock.Interceptor) => nock.Scope): Promise<unknown> {
  reply(nock(instanceUrl).get(queryPath));
  const conn = new jsforce.Connection({ instanceUrl, accessToken: 'token', version: '62.0' });
  return conn.request({ method: 'GET', url: '/query?q=SELECT+Id+FROM+Opportunity' }, { retry: { maxRetries: 0 } }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('toSalesforceApiError', () => {
  afterEach(() => {
    nock.cleanAll();
  });

  it('when Salesforce answers with an error body, then errorCode, message and fields are own properties and the cause is chained', async () => {
    const thrown = await jsforceError((s) =>
      s.reply(400, [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Amount is required', fields: ['Amount'] }]),
    );
    const error = toSalesforceApiError(thrown, 400);
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect(error).toMatchObject({ name: 'SalesforceApiError', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', status: 400, fields: ['Amount'] });
    expect(error.message).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION: Amount is required');
    expect(error.cause).toBe(thrown);
    expect(Object.keys(error)).toEqual(expect.arrayContaining(['errorCode', 'status', 'fields']));
  });

  it('when a 503 has no JSON body, then the status is read from jsforce ERROR_HTTP_503', async () => {
    const error = toSalesforceApiError(await jsforceError((s) => s.reply(503, 'Service Unavailable')));
    expect(error).toMatchObject({ errorCode: 'ERROR_HTTP_503', status: 503, fields: [] });
  });

  it('when the limit is exceeded, then the code and the message that tells daily from concurrent are kept', async () => {
    const error = toSalesforceApiError(await jsforceError((s) => s.reply(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }])));
    expect(error).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.', status: undefined });
  });

  it('when several errors come back, then the first code decides and every message is kept', async () => {
    const error = toSalesforceApiError(
      await jsforceError((s) =>
        s.reply(400, [
          { errorCode: 'INVALID_FIELD', message: 'No such column Foo__c', fields: ['Foo__c'] },
          { errorCode: 'INVALID_FIELD', message: 'No such column Bar__c', fields: ['Bar__c'] },
        ]),
      ),
    );
    expect(error).toMatchObject({ errorCode: 'INVALID_FIELD', fields: ['Foo__c', 'Bar__c'] });
    expect(error.message).toBe('INVALID_FIELD: No such column Foo__c; No such column Bar__c');
  });

  it('when the network fails, then the socket code is the errorCode', async () => {
    // A real refused connection: nock's replyWithError never reaches jsforce's node-fetch (the request hangs).
    const conn = new jsforce.Connection({ instanceUrl: `http://127.0.0.1:${await freePort()}`, accessToken: 'token', version: '62.0' });
    const thrown: unknown = await conn.request({ method: 'GET', url: '/limits' }, { retry: { maxRetries: 0 } }).catch((e: unknown) => e);
    const error = toSalesforceApiError(thrown);
    expect(error.errorCode).toBe('ECONNREFUSED');
    expect(error.status).toBeUndefined();
  });

  it('when given one already, or something that is not an Error, then it stays readable', () => {
    const existing = new SalesforceApiError('x', { errorCode: 'X' });
    expect(toSalesforceApiError(existing)).toBe(existing);
    expect(toSalesforceApiError('boom')).toMatchObject({ errorCode: 'UNKNOWN_ERROR', message: 'UNKNOWN_ERROR: boom' });
    expect(isSalesforceApiError(new Error('plain'))).toBe(false);
  });
});
