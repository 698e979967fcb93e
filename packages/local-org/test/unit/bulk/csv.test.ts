import { describe, expect, it } from 'vitest';
import { CsvError, formatCsv, parseCsv } from '../../../src/bulk/csv.js';

const comma = { columnDelimiter: 'COMMA', lineEnding: 'LF' } as const;

describe('Bulk API CSV', () => {
  it('reads quoted values holding delimiters, doubled quotes and line breaks, with LF or CRLF rows', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n1,\n', comma)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['1', ''],
    ]);
  });

  it('reads the other delimiters Bulk API 2.0 names', () => {
    expect(parseCsv('a|b\n1|2', { columnDelimiter: 'PIPE', lineEnding: 'LF' })).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a\tb\n1\t2', { columnDelimiter: 'TAB', lineEnding: 'LF' })).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a\n"open', comma)).toThrow(CsvError);
  });

  it('writes every value quoted, with the job line ending, and reads back what it wrote', () => {
    const text = formatCsv(['Id', 'Note'], [['1', 'a "b",\nc'], ['2', '']], { columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' });
    expect(text).toBe('"Id";"Note"\r\n"1";"a ""b"",\nc"\r\n"2";""\r\n');
    expect(parseCsv(text, { columnDelimiter: 'SEMICOLON', lineEnding: 'CRLF' })).toEqual([['Id', 'Note'], ['1', 'a "b",\nc'], ['2', '']]);
  });
});
