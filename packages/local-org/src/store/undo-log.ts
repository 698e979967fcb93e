/**
 * The undo log behind allOrNone transactions: while a transaction is open every write notes how to
 * take it back, and a rollback (asked for, or an exception) undoes the writes since the transaction
 * began, newest first. A nested transaction shares the outer log and undoes only its own part.
 */
import type { SRecord } from '../model.js';
import type { Table } from './table.js';

/** One write, as the log takes it back. */
export type UndoEntry =
  | { kind: 'set'; table: Table; rec: SRecord; field: string; old: unknown }
  | { kind: 'insert'; table: Table; rec: SRecord }
  | { kind: 'deleted'; id: string };

export class UndoLog {
  /** null outside transactions: writes then note nothing (and allocate nothing). */
  private entries: UndoEntry[] | null = null;

  /** `revert` takes one write back; the writes it makes are not logged. */
  constructor(private readonly revert: (entry: UndoEntry) => void) {}

  noteSet(table: Table, rec: SRecord, field: string, old: unknown): void {
    this.entries?.push({ kind: 'set', table, rec, field, old });
  }

  noteInsert(table: Table, rec: SRecord): void {
    this.entries?.push({ kind: 'insert', table, rec });
  }

  /** A record went to the recycle bin (its IsDeleted change is noted separately). */
  noteDeleted(id: string): void {
    this.entries?.push({ kind: 'deleted', id });
  }

  /** Runs fn; if it asked for a rollback, or throws, every write it made is undone. */
  run<T>(fn: (rollback: () => void) => T): T {
    const outer = this.entries;
    const log = outer ?? [];
    this.entries = log;
    const mark = log.length;
    let rollbackRequested = false;
    try {
      const result = fn(() => {
        rollbackRequested = true;
      });
      if (rollbackRequested) this.undoTo(log, mark);
      return result;
    } catch (err) {
      // A write interrupted by an exception must not stay half done either.
      this.undoTo(log, mark);
      throw err;
    } finally {
      if (outer === null) this.entries = null;
    }
  }

  private undoTo(log: UndoEntry[], mark: number): void {
    const saved = this.entries;
    this.entries = null;
    try {
      while (log.length > mark) this.revert(log.pop()!);
    } finally {
      this.entries = saved;
    }
  }
}
