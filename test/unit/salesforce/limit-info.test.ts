import { describe, expect, it } from 'vitest';
import { apiUsageOf, parseLimitInfo } from '../../../src/salesforce/limit-info.js';

describe('parseLimitInfo', () => {
  it.each([
    ['api-usage=18/15000', { 'api-usage': { used: 18, limit: 15000 } }],
    ['api-usage=10018/100000; api-bursts=1/750', { 'api-usage': { used: 10018, limit: 100000 }, 'api-bursts': { used: 1, limit: 750 } }],
    ['api-bursts=1/750;api-usage=7/5000', { 'api-bursts': { used: 1, limit: 750 }, 'api-usage': { used: 7, limit: 5000 } }],
    [' api-usage=5/100 ; per-app-api-usage=2/50(appName=dealrisk)', { 'api-usage': { used: 5, limit: 100 } }],
    ['', {}],
    ['api-usage=lots/100', {}],
  ])('when the header is "%s", then it reads %o', (header, expected) => {
    expect(parseLimitInfo(header)).toEqual(expected);
  });

  it('when the header is missing, then there is nothing', () => {
    expect(parseLimitInfo(undefined)).toEqual({});
  });
});

describe('apiUsageOf', () => {
  it('when api-usage comes after another part, then it is still found', () => {
    expect(apiUsageOf('api-bursts=1/750; api-usage=18/15000')).toEqual({ used: 18, limit: 15000 });
  });

  it('when the header has no api-usage, then the usage is unknown', () => {
    expect(apiUsageOf('api-bursts=1/750')).toBeUndefined();
    expect(apiUsageOf(undefined)).toBeUndefined();
  });
});
