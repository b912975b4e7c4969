import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgHandle } from '../../../db/pg/store.js';

/**
 * A reader of PostgreSQL's table files, for the physical attacks: every row version a heap page still
 * holds (live or dead, until vacuum or pruning removes it), with the header any copy of the file carries —
 * the transaction that wrote it (`xmin`), the one that deleted or replaced it (`xmax`), and the command
 * within that transaction (`cid`). Only what the ballot tables need is decoded: text and bigint columns,
 * none null.
 */
export type HeapTuple = { xmin: number; xmax: number; cid: number; values: (string | bigint)[] };

const PAGE = 8192;
const LP_NORMAL = 1;

/** The main file of a table (flush it first with CHECKPOINT: the server keeps recent pages in memory). */
export function tableFile(pg: PgHandle, dataDir: string, table: string): Buffer {
  const [row] = pg.query<{ path: string }>('select pg_relation_filepath($1) as path', [table]).rows;
  return readFileSync(join(dataDir, row!.path));
}

/** Every row version in the file, decoded as the given column types. */
export function heapTuples(file: Buffer, columns: readonly ('text' | 'int8')[]): HeapTuple[] {
  const tuples: HeapTuple[] = [];
  for (let page = 0; page + PAGE <= file.length; page += PAGE) {
    const lower = file.readUInt16LE(page + 12);
    if (lower < 24) continue; // a page never initialised
    for (let item = page + 24; item < page + lower; item += 4) {
      const word = file.readUInt32LE(item);
      const offset = word & 0x7fff;
      const flags = (word >>> 15) & 3;
      const length = word >>> 17;
      if (flags !== LP_NORMAL || length === 0) continue;
      const tuple = file.subarray(page + offset, page + offset + length);
      const values = decode(tuple, tuple[22]!, columns);
      if (values)
        tuples.push({
          xmin: tuple.readUInt32LE(0),
          xmax: tuple.readUInt32LE(4),
          cid: tuple.readUInt32LE(8),
          values,
        });
    }
  }
  return tuples;
}

function decode(tuple: Buffer, hoff: number, columns: readonly ('text' | 'int8')[]) {
  const values: (string | bigint)[] = [];
  let pos = hoff;
  for (const type of columns) {
    if (type === 'int8') {
      pos = (pos + 7) & ~7;
      if (pos + 8 > tuple.length) return undefined;
      values.push(tuple.readBigInt64LE(pos));
      pos += 8;
      continue;
    }
    // A short varlena (1-byte header, odd) lies unaligned; a long one (4-byte header) after padding.
    let first = tuple[pos];
    if (first === undefined) return undefined;
    if ((first & 1) === 1 && first !== 1) {
      const total = first >>> 1;
      values.push(tuple.subarray(pos + 1, pos + total).toString('utf8'));
      pos += total;
      continue;
    }
    pos = (pos + 3) & ~3;
    first = tuple[pos];
    if (first === undefined || pos + 4 > tuple.length) return undefined;
    const total = tuple.readUInt32LE(pos) >>> 2;
    if (total < 4 || pos + total > tuple.length) return undefined;
    values.push(tuple.subarray(pos + 4, pos + total).toString('utf8'));
    pos += total;
  }
  return values;
}
