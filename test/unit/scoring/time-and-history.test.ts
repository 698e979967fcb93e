import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeDatePushes, latestVisits, stageEntry, stageRuns } from '../../../src/scoring/history.js';
import { isoDate, isoDateTime, median, parseTime } from '../../../src/scoring/time.js';
import type { OpportunityHistoryRow } from '../../../src/scoring/types.js';

describe('parseTime', () => {
  it.each([
    ['2026-01-05', Date.UTC(2026, 0, 5)],
    ['2026-01-05T10:20:30.000+0000', Date.UTC(2026, 0, 5, 10, 20, 30)],
    ['2026-01-05T10:20:30.123Z', Date.UTC(2026, 0, 5, 10, 20, 30, 123)],
    ['2026-01-05T10:20:30Z', Date.UTC(2026, 0, 5, 10, 20, 30)],
    ['2026-01-05T12:20:30.000+02:00', Date.UTC(2026, 0, 5, 10, 20, 30)],
    ['2026-01-05T05:20:30.000-0500', Date.UTC(2026, 0, 5, 10, 20, 30)],
  ])('when given %s, then it is the same instant as Date.UTC', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
    expect(parseTime(text)).toBe(Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')));
  });

  it('when any moment from 1900 to 2200 is formatted and parsed back, then it agrees with Date', () => {
    const moments = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(moments, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(isoDateTime(ms)).toBe(iso);
        expect(isoDate(ms)).toBe(iso.slice(0, 10));
        expect(parseTime(iso)).toBe(ms);
        expect(parseTime(iso.replace('Z', '+0000'))).toBe(ms);
        expect(parseTime(iso.slice(0, 10))).toBe(Date.parse(iso.slice(0, 10)));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['soon'],
    ['2026-xx-05'],
    ['2026-13-05'],
    ['2026-01-00'],
    ['2026-01-05T24:00:00.000+0000'],
    ['2026-01-05T24:00:00+05:00'],
    ['2026-01-05T10:60:00Z'],
    ['2026-01-05T10:00:60.5Z'],
    ['2026-01-05T10:6x:00.000+0000'],
    ['2026-01-05T10:00:00.000+00x0'],
    ['2026-01-05T10:00:00.00x+0000'],
    ['2026-01-05T10:00:00.00xZ'],
  ])('when given %s, then it is NaN', (text) => {
    expect(parseTime(text)).toBeNaN();
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])('when the values are %j, then the median is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

const row = (StageName: string, CreatedDate: string, extra: Partial<OpportunityHistoryRow> = {}): OpportunityHistoryRow => ({ StageName, CreatedDate, ...extra });

describe('stage entry', () => {
  it('when Amount and CloseDate changes add rows with the unchanged stage, then the entry is the first row of the run', () => {
    const runs = stageRuns([
      row('Prospecting', '2026-01-01T09:00:00.000+0000'),
      row('Qualification', '2026-01-10T09:00:00.000+0000'),
      row('Qualification', '2026-01-15T09:00:00.000+0000', { Amount: 10 }),
      row('Qualification', '2026-01-20T09:00:00.000+0000', { CloseDate: '2026-03-01' }),
    ]);
    expect(stageEntry('Qualification', runs, '2026-01-20T09:00:00.000+0000', '2026-01-01T09:00:00.000+0000')).toEqual({
      ms: Date.UTC(2026, 0, 10, 9),
      source: 'history',
    });
  });

  it('when the deal went back to an earlier stage, then the latest unbroken run counts', () => {
    const runs = stageRuns([
      row('Qualification', '2026-01-01T00:00:00.000Z'),
      row('Needs Analysis', '2026-01-05T00:00:00.000Z'),
      row('Qualification', '2026-01-09T00:00:00.000Z'),
      row('Qualification', '2026-01-12T00:00:00.000Z', { Amount: 5 }),
    ]);
    expect(stageEntry('Qualification', runs, null, '2026-01-01T00:00:00.000Z')?.ms).toBe(Date.UTC(2026, 0, 9));
  });

  it('when rows arrive out of order, then they are sorted by CreatedDate first', () => {
    const runs = stageRuns([
      row('Needs Analysis', '2026-01-20T00:00:00.000Z'),
      row('Prospecting', '2026-01-01T00:00:00.000Z'),
      row('Needs Analysis', '2026-01-25T00:00:00.000Z', { Amount: 3 }),
      row('Qualification', '2026-01-10T00:00:00.000Z'),
    ]);
    expect(runs.map((r) => r.stage)).toEqual(['Prospecting', 'Qualification', 'Needs Analysis']);
    expect(stageEntry('Needs Analysis', runs, null, '2026-01-01T00:00:00.000Z')?.ms).toBe(Date.UTC(2026, 0, 20));
  });

  it('when two rows share a timestamp, then their given order is kept', () => {
    const runs = stageRuns([row('Prospecting', '2026-01-01T00:00:00.000Z'), row('Qualification', '2026-01-01T00:00:00.000Z')]);
    expect(runs.map((r) => r.stage)).toEqual(['Prospecting', 'Qualification']);
  });

  it.each([
    ['no history', [], '2026-02-01T00:00:00.000Z', { ms: Date.UTC(2026, 1, 1), source: 'LastStageChangeDate' }],
    ['no history nor LastStageChangeDate', [], null, { ms: Date.UTC(2026, 0, 1), source: 'CreatedDate' }],
    ['history ending in another stage', [row('Prospecting', '2026-01-01T00:00:00.000Z')], '2026-02-01T00:00:00.000Z', { ms: Date.UTC(2026, 1, 1), source: 'LastStageChangeDate' }],
    ['history rows with unparseable dates only', [row('Qualification', 'yesterday')], null, { ms: Date.UTC(2026, 0, 1), source: 'CreatedDate' }],
  ] as const)('when there is %s, then the entry falls back', (_, history, lastChange, expected) => {
    expect(stageEntry('Qualification', stageRuns(history), lastChange, '2026-01-01T00:00:00.000Z')).toEqual(expected);
  });

  it('when no date parses at all, then the entry is unknown', () => {
    expect(stageEntry('Qualification', [], null, 'not a date')).toBeNull();
  });
});

describe('latestVisits', () => {
  it('when a deal visits a stage twice, then its days there are those of its latest run (as for open deals), and the open last run is not counted', () => {
    const totals = latestVisits(
      stageRuns([
        row('Qualification', '2026-01-01T00:00:00.000Z'),
        row('Qualification', '2026-01-02T00:00:00.000Z', { Amount: 1 }),
        row('Needs Analysis', '2026-01-04T00:00:00.000Z'),
        row('Qualification', '2026-01-10T00:00:00.000Z'),
        row('Closed Won', '2026-01-13T00:00:00.000Z'),
      ]),
    );
    expect(Object.fromEntries([...totals].map(([k, ms]) => [k, ms / 86_400_000]))).toEqual({ Qualification: 3, 'Needs Analysis': 6 });
  });
});

describe('closeDatePushes', () => {
  const fh = (OldValue: unknown, NewValue: unknown, CreatedDate: string) => ({ Field: 'CloseDate', OldValue, NewValue, CreatedDate });

  it('when field history has CloseDate changes, then only moves to a later date count', () => {
    const pushes = closeDatePushes(
      [
        fh('2026-03-01', '2026-04-01', '2026-02-01T00:00:00.000Z'),
        fh('2026-04-01', '2026-03-15', '2026-02-10T00:00:00.000Z'),
        fh('2026-03-15', '2026-05-01', '2026-02-20T00:00:00.000Z'),
        { Field: 'Amount', OldValue: 1, NewValue: 2, CreatedDate: '2026-02-21T00:00:00.000Z' },
        fh(null, '2026-06-01', '2026-02-22T00:00:00.000Z'),
      ],
      [],
    );
    expect(pushes.map((p) => [p.from, p.to])).toEqual([
      ['2026-03-01', '2026-04-01'],
      ['2026-03-15', '2026-05-01'],
    ]);
  });

  it('when there is no CloseDate field history, then moves come from OpportunityHistory rows', () => {
    const pushes = closeDatePushes(
      [],
      [
        row('Qualification', '2026-01-20T00:00:00.000Z', { CloseDate: '2026-05-01' }),
        row('Qualification', '2026-01-01T00:00:00.000Z', { CloseDate: '2026-03-01' }),
        row('Qualification', '2026-01-10T00:00:00.000Z', { CloseDate: '2026-03-01', Amount: 9 }),
        row('Qualification', '2026-01-30T00:00:00.000Z', { CloseDate: null }),
      ],
    );
    expect(pushes.map((p) => [p.from, p.to])).toEqual([['2026-03-01', '2026-05-01']]);
  });
});
