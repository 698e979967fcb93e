import { describe, expect, it } from 'vitest';
import { classifyFailure, type FailureClass, type FailureFacts } from '../../../src/sync/failure-class.js';

const cases: [string, FailureClass, FailureFacts][] = [
  ['a 503 without a body', 'retry', { errorCode: 'ERROR_HTTP_503', status: 503 }],
  ['a 502 from a gateway', 'retry', { errorCode: 'ERROR_HTTP_502', status: 502 }],
  ['Salesforce down for maintenance', 'retry', { errorCode: 'SERVER_UNAVAILABLE', status: 503 }],
  ['a locked row', 'retry', { errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }],
  ['a reset connection', 'retry', { errorCode: 'ECONNRESET' }],
  ['a refused connection', 'retry', { errorCode: 'ECONNREFUSED' }],
  ['a request that timed out', 'retry', { errorCode: 'AbortError' }],
  ['a DNS hiccup', 'retry', { errorCode: 'EAI_AGAIN' }],
  ['an expired session', 'reauthenticate', { errorCode: 'INVALID_SESSION_ID', status: 401, message: 'Session expired or invalid' }],
  ['the daily allowance spent', 'rate-limited-daily', { errorCode: 'REQUEST_LIMIT_EXCEEDED', status: 403, message: 'TotalRequests Limit exceeded.' }],
  [
    'the concurrent-request cap',
    'rate-limited-concurrent',
    { errorCode: 'REQUEST_LIMIT_EXCEEDED', status: 403, message: 'ConcurrentRequests (Concurrent API Requests) Limit exceeded' },
  ],
  ['a limit without a message (read as daily: stop calling)', 'rate-limited-daily', { errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
  ['a validation rule', 'permanent', { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', status: 400 }],
  ['a read-only field', 'permanent', { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' }],
  ['a bad id', 'permanent', { errorCode: 'MALFORMED_ID', status: 400 }],
  ['an unknown code on a 400', 'permanent', { errorCode: 'SOMETHING_NEW', status: 400 }],
  ['a 500 (a bug on the server: retrying repeats it)', 'permanent', { errorCode: 'UNKNOWN_EXCEPTION', status: 500 }],
  ['an errorCode that is an Object method name', 'permanent', { errorCode: 'constructor' }],
];

describe('classifyFailure', () => {
  it.each(cases)('when it meets %s, then it is %s', (_, expected, facts) => {
    expect(classifyFailure(facts)).toBe(expected);
  });
});
