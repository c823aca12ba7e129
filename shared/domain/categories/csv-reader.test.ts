import { describe, expect, it } from 'vitest';
import { toCsv } from '../csv';
import { readCsv } from './csv-reader';

const cells = (text: string) => readCsv(text).records.map((record) => record.cells);

describe('readCsv', () => {
  it('reads plain fields with CRLF, LF or CR line ends, with or without a last line break', () => {
    expect(cells('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,,\n')).toEqual([['a', '', '']]);
  });

  it('drops the byte-order mark Excel writes', () => {
    expect(cells('\uFEFFcode,name\n01,住房\n')).toEqual([['code', 'name'], ['01', '住房']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, numbering records by their first line', () => {
    const { records, problems } = readCsv('x,y\r\n"Hong Kong, Macao","说 ""你好"""\r\n"two\r\nlines",z\r\nlast,""\r\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['x', 'y'] },
      { line: 2, cells: ['Hong Kong, Macao', '说 "你好"'] },
      { line: 3, cells: ['two\r\nlines', 'z'] },
      { line: 5, cells: ['last', ''] },
    ]);
  });

  it('reads back what toCsv writes', () => {
    const rows = [['代码', 'name'], ['04', 'Labour, "social" security'], ['0401', 'two\nlines']];
    expect(cells(toCsv(rows, { excel: true }))).toEqual(rows);
  });

  it('reports a quote left open, at the line where it opened', () => {
    const { records, problems } = readCsv('a,b\n1,"open\n2,3\n');
    expect(problems).toEqual([{ line: 2, code: 'CSV_UNCLOSED_QUOTE' }]);
    expect(records.map((record) => record.line)).toEqual([1, 2]);
  });

  it('reports stray quotes once per record, and keeps reading', () => {
    const { records, problems } = readCsv('a,b"c\n"x"y,"z" ,w\nok,ok\n');
    expect(problems).toEqual([
      { line: 1, code: 'CSV_BAD_QUOTE' },
      { line: 2, code: 'CSV_BAD_QUOTE' },
    ]);
    expect(records[2]).toEqual({ line: 3, cells: ['ok', 'ok'] });
  });
});
