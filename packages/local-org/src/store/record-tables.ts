/**
 * The org's rows: one {@link Table} per object, every record by id, the id sequences, the recycle
 * bin's deletion times, and the only writes there are (insert, set, remove), which keep the
 * indexes, the table's revision and the undo log in step.
 *
 * Storage is lean on purpose (100k opportunities and millions of related rows): one plain object
 * per record with the same keys in the same order (shared hidden classes), one id index
 * (id-index.ts), and children indexes as Map<parentId, rows[]> per reference field.
 */
import { makeId, sequenceOf } from '../ids.js';
import type { OrgSchema, SRecord } from '../model.js';
import { IdIndex } from './id-index.js';
import { childIndex, indexRecord, reindexField, unindexRecord } from './indexes.js';
import { type Table, createTable } from './table.js';
import { type UndoEntry, UndoLog } from './undo-log.js';

// Sequences above this would lose precision as numbers; such ids (real-org ids) are kept but not continued.
const MAX_TRACKED_SEQUENCE = 2 ** 48;

export class RecordTables {
  private readonly byName = new Map<string, Table>();
  private readonly byPrefix = new Map<string, Table>();
  private readonly records = new IdIndex();
  private readonly sequences = new Map<string, number>();
  /** Key prefixes whose sequence was started again: their next ids are checked against the rows. */
  private readonly restarted = new Set<string>();
  /** Recycle bin: id → when it was deleted. */
  private readonly deletedAt = new Map<string, string>();
  private readonly undo = new UndoLog((entry) => this.revert(entry));

  constructor(schema: OrgSchema) {
    for (const def of schema.objects()) {
      const table = createTable(def);
      this.byName.set(def.name.toLowerCase(), table);
      this.byPrefix.set(def.keyPrefix, table);
    }
    // Child relationship fields are indexed from the start: SOQL child subqueries depend on them.
    for (const def of schema.objects()) {
      for (const rel of def.childRelationships) {
        const child = this.byName.get(rel.childSObject.toLowerCase());
        if (child && !child.childIndexes.some((i) => i.field === rel.field)) {
          child.childIndexes.push({ field: rel.field, caseInsensitive: false, map: new Map() });
        }
      }
    }
  }

  /** The object's table, by name in any case. */
  table(objectName: string): Table | undefined {
    return this.byName.get(objectName.toLowerCase());
  }

  /** The table whose ids start with `prefix`. */
  tableOfPrefix(prefix: string): Table | undefined {
    return this.byPrefix.get(prefix);
  }

  /** The table a stored record belongs to. */
  tableOf(rec: SRecord): Table {
    return this.byPrefix.get(rec.Id.slice(0, 3))!;
  }

  /** A record (deleted ones included) by 18-character id. */
  record(id18: string): SRecord | undefined {
    return this.records.get(id18);
  }

  /** Rows of `table` whose `field` (canonical name) holds `parentId18`, deleted ones included. */
  children(table: Table, field: string, parentId18: string): readonly SRecord[] {
    return childIndex(table, field).map.get(parentId18) ?? [];
  }

  /**
   * A new id for `table`: the next free one of its sequence. Every id of a sequence is at most its
   * counter (loaded ids raise it, see {@link noteSequence}), so the next one is free without a
   * look-up, unless the sequence was started again while rows of it remain.
   */
  nextId(table: Table): string {
    const prefix = table.def.keyPrefix;
    let seq = this.sequences.get(prefix) ?? 0;
    let id: string;
    do {
      seq += 1;
      id = makeId(prefix, seq);
    } while (this.restarted.has(prefix) && this.records.has(id));
    this.sequences.set(prefix, seq);
    return id;
  }

  /** A loaded id: new ids of its object continue after it. */
  noteSequence(id: string): void {
    const seq = sequenceOf(id);
    if (seq < MAX_TRACKED_SEQUENCE && seq > (this.sequences.get(id.slice(0, 3)) ?? 0)) this.sequences.set(id.slice(0, 3), seq);
  }

  /** Starts the table's ids again from 1 (once its rows are removed). */
  resetSequence(table: Table): void {
    this.sequences.delete(table.def.keyPrefix);
    this.restarted.add(table.def.keyPrefix);
  }

  insert(table: Table, rec: SRecord): SRecord {
    this.records.set(rec.Id, rec);
    this.addRow(table, rec);
    return rec;
  }

  /**
   * {@link insert} for a loaded row whose id may be taken already: false, and nothing changed, when
   * it is.
   */
  insertIfNew(table: Table, rec: SRecord): boolean {
    if (!this.records.add(rec.Id, rec)) return false;
    this.addRow(table, rec);
    return true;
  }

  /** The rest of an insert, once the id map holds the record. */
  private addRow(table: Table, rec: SRecord): void {
    table.rows.push(rec);
    indexRecord(table, rec);
    table.revision += 1;
    this.undo.noteInsert(table, rec);
  }

  /** Writes one field of a stored record. */
  set(table: Table, rec: SRecord, field: string, value: unknown): void {
    const old = rec[field];
    if (old === value) return;
    reindexField(table, rec, field, old, value);
    (rec as Record<string, unknown>)[field] = value;
    table.revision += 1;
    this.undo.noteSet(table, rec, field, old);
  }

  /** Takes a record out of the org altogether (not the recycle bin: rollbacks and replaced built-in rows). */
  remove(table: Table, rec: SRecord): void {
    const at = table.rows.lastIndexOf(rec);
    if (at >= 0) table.rows.splice(at, 1);
    this.records.delete(rec.Id);
    unindexRecord(table, rec);
    table.revision += 1;
  }

  /** Notes when a record went to the recycle bin (its IsDeleted is written with {@link set}). */
  markDeleted(id: string, at: string): void {
    this.deletedAt.set(id, at);
    this.undo.noteDeleted(id);
  }

  /** Recycle bin entries: id → deletion time. */
  deletions(): ReadonlyMap<string, string> {
    return this.deletedAt;
  }

  /** Runs fn; if it asks for a rollback, or throws, every write inside is undone. */
  transaction<T>(fn: (rollback: () => void) => T): T {
    return this.undo.run(fn);
  }

  private revert(entry: UndoEntry): void {
    if (entry.kind === 'set') this.set(entry.table, entry.rec, entry.field, entry.old);
    else if (entry.kind === 'deleted') this.deletedAt.delete(entry.id);
    else this.remove(entry.table, entry.rec);
  }
}
