/**
 * Just enough of SQLite's file format to read a b-tree the way an attacker with a copy of the file would:
 * page by page, cell by cell, with where each cell physically sits. SQLite fills a page's content area
 * from the end towards the start, so on a page that only ever grew, a lower offset means a later insert.
 */

export type Cell = {
  page: number;
  /** Where the cell's bytes start inside its page. */
  offset: number;
  /** Rowid of a table b-tree cell (absent in index b-trees, i.e. WITHOUT ROWID tables). */
  rowid?: number;
  values: (string | number | null)[];
};

export type PageKind = 'interior-index' | 'interior-table' | 'leaf-index' | 'leaf-table';

const KINDS: Record<number, PageKind> = {
  2: 'interior-index',
  5: 'interior-table',
  10: 'leaf-index',
  13: 'leaf-table',
};

export function pageSizeOf(file: Buffer): number {
  const raw = file.readUInt16BE(16);
  return raw === 1 ? 65_536 : raw;
}

function varint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return [value * 256 + buf[at + 8]!, at + 9];
}

function record(buf: Buffer, at: number, size: number): (string | number | null)[] {
  const [headerSize, first] = varint(buf, at);
  const types: number[] = [];
  for (let p = first; p < at + headerSize; ) {
    const [type, next] = varint(buf, p);
    types.push(type);
    p = next;
  }
  const values: (string | number | null)[] = [];
  let p = at + headerSize;
  const end = at + size;
  for (const type of types) {
    if (p > end) break;
    if (type === 0) values.push(null);
    else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 1 && type <= 6) {
      const width = [0, 1, 2, 3, 4, 6, 8][type]!;
      values.push(width <= 6 ? buf.readIntBE(p, width) : Number(buf.readBigInt64BE(p)));
      p += width;
    } else if (type === 7) {
      values.push(buf.readDoubleBE(p));
      p += 8;
    } else {
      const length = Math.floor((type - (type % 2 === 0 ? 12 : 13)) / 2);
      values.push(type % 2 === 0 ? `[blob ${length}]` : buf.toString('utf8', p, p + length));
      p += length;
    }
  }
  return values;
}

/** The kind of a page (from its header byte). */
export function pageKind(file: Buffer, page: number): PageKind | undefined {
  const size = pageSizeOf(file);
  const base = (page - 1) * size + (page === 1 ? 100 : 0);
  return KINDS[file[base]!];
}

/** Every cell of the b-tree rooted at `root`, interior cells included (index b-trees keep keys there). */
export function btreeCells(file: Buffer, root: number): Cell[] {
  const size = pageSizeOf(file);
  const cells: Cell[] = [];
  const visit = (page: number, depth: number) => {
    if (depth > 20 || page < 1 || page * size > file.length) return;
    const start = (page - 1) * size;
    const header = start + (page === 1 ? 100 : 0);
    const kind = KINDS[file[header]!];
    if (!kind) return;
    const interior = kind.startsWith('interior');
    const count = file.readUInt16BE(header + 3);
    const pointers = header + (interior ? 12 : 8);
    for (let i = 0; i < count; i++) {
      const offset = file.readUInt16BE(pointers + 2 * i);
      let p = start + offset;
      if (interior) {
        visit(file.readUInt32BE(p), depth + 1);
        p += 4;
      }
      if (kind === 'interior-table') continue;
      const [payload, afterSize] = varint(file, p);
      p = afterSize;
      let rowid: number | undefined;
      if (kind === 'leaf-table') [rowid, p] = varint(file, p);
      const local = Math.min(payload, size - 35);
      cells.push({ page, offset, ...(rowid === undefined ? {} : { rowid }), values: record(file, p, local) });
    }
    if (interior) visit(file.readUInt32BE(header + 8), depth + 1);
  };
  visit(root, 0);
  return cells;
}

/** Cells in the order they were written, as the page layout tells it: by page, then highest offset first. */
export const physicalOrder = (cells: readonly Cell[]): Cell[] =>
  [...cells].sort((a, b) => a.page - b.page || b.offset - a.offset);

/** Each page's keys in the order they lie (highest offset first), pages sorted by their first key. */
export function pageLayouts(cells: readonly Cell[], keyOf: (c: Cell) => string): string[][] {
  const pages = new Map<number, Cell[]>();
  for (const c of cells) pages.set(c.page, [...(pages.get(c.page) ?? []), c]);
  return [...pages.values()]
    .map((onPage) => [...onPage].sort((a, b) => b.offset - a.offset).map(keyOf))
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}
