// Pure parts of the local org's HTTP layer, tested directly (the rest of this folder drives them over HTTP).
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/store/clock.js';
import { matchOperation, ok, type Operation } from '../../src/http/operations.js';
import { QueryCursors } from '../../src/http/query-cursors.js';
import { arraySource } from '../../src/http/query-pages.js';
import { requestedBatchSize } from '../../src/http/query-routes.js';
import { versionList } from '../../src/http/rest-routes.js';
import { ApiUsage } from '../../src/http/usage.js';

describe('query cursors', () => {
  it('when a result is paged, then pages are contiguous, the last has no locator, and cursors expire 2 days after the query', () => {
    const clock = createManualClock(new Date('2026-03-31T12:00:00Z'));
    const cursors = new QueryCursors(clock);
    const url = (locator: string) => `/query/${locator}`;
    const rows = Array.from({ length: 450 }, (_, i) => ({ attributes: { type: 'Account' }, Id: String(i) }));
    const result = { ...arraySource(rows), totalSize: rows.length, childRelationships: [], longTextAreas: 0 };
    const first = cursors.open(result, 200, url);
    expect(first.records).toEqual(rows.slice(0, 200));
    expect(first.nextLocator).toMatch(/^01g[A-Za-z0-9]{15}-200$/);
    const second = cursors.next(first.nextLocator!, url)!;
    expect(second.records).toEqual(rows.slice(200, 400));
    const third = cursors.next(second.nextLocator!, url)!;
    expect(third.records).toEqual(rows.slice(400));
    expect(third.nextLocator).toBeUndefined();
    expect(third.totalSize).toBe(450);
    expect(cursors.open({ ...result, ...arraySource(rows.slice(0, 10)) }, 200, url).nextLocator).toBeUndefined();

    clock.advance(2 * 24 * 60 * 60 * 1000 - 1);
    expect(cursors.next(first.nextLocator!, url)).toBeDefined();
    clock.advance(2);
    expect(cursors.next(first.nextLocator!, url)).toBeUndefined();
    expect(cursors.next('garbage', url)).toBeUndefined();
  });

  it('when batchSize is asked, then it is clamped to 200–2,000 and ignored when absent', () => {
    expect(requestedBatchSize('batchSize=500')).toBe(500);
    expect(requestedBatchSize('batchSize=10')).toBe(200);
    expect(requestedBatchSize('batchSize=100000')).toBe(2000);
    expect(requestedBatchSize(undefined)).toBeUndefined();
    expect(requestedBatchSize('something=else')).toBeUndefined();
  });
});

describe('operation matching (for /composite)', () => {
  const op = (method: Operation['method'], path: string): Operation => ({ method, path, run: () => ok(path) });
  const ops = [op('GET', '/sobjects/:type/:id'), op('GET', '/sobjects/:type/describe'), op('PATCH', '/sobjects/:type/:id'), op('GET', '/query')];

  it('when a static segment and a parameter both fit, then the static route wins, and params are decoded', () => {
    expect(matchOperation(ops, 'GET', '/sobjects/Account/describe')?.operation.path).toBe('/sobjects/:type/describe');
    expect(matchOperation(ops, 'GET', '/sobjects/Account/001000000000001AAA')?.params).toEqual({ type: 'Account', id: '001000000000001AAA' });
    expect(matchOperation(ops, 'patch', '/sobjects/My%20Type/x')?.params.type).toBe('My Type');
    expect(matchOperation(ops, 'DELETE', '/sobjects/Account/x')).toBeUndefined();
    expect(matchOperation(ops, 'GET', '/sobjects')).toBeUndefined();
  });
});

describe('versions and usage', () => {
  it('when versions are listed, then labels follow the release calendar', () => {
    const list = versionList();
    expect(list[0]).toEqual({ label: "Spring '18", url: '/services/data/v42.0', version: '42.0' });
    expect(list.find((v) => v.version === '62.0')?.label).toBe("Winter '25");
    expect(list.find((v) => v.version === '63.0')?.label).toBe("Spring '25");
  });

  it('when the allowance is spent, then tryCount refuses without counting further', () => {
    const usage = new ApiUsage(2, createManualClock(new Date('2026-03-31T12:00:00Z')));
    expect([usage.tryCount(), usage.tryCount(), usage.tryCount()]).toEqual([true, true, false]);
    expect(usage.header()).toBe('api-usage=2/2');
    expect(usage.limits().DailyApiRequests).toEqual({ Max: 2, Remaining: 0 });
    expect(usage.consume('DailyBulkV2QueryJobs', 3)).toBe(true);
    expect(usage.limits().DailyBulkV2QueryJobs).toEqual({ Max: 10_000, Remaining: 9_997 });
  });
});
