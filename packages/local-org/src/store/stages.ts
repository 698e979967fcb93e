/**
 * The org's opportunity stages. They live in its OpportunityStage rows (a new org's standard
 * picklist, or a dataset's own), not in the schema: StageName's values, the facts an Opportunity
 * takes from its stage and the picklist describe shows are all read from those rows, and cached
 * until the rows change.
 */
import { DatasetLoadError } from '../errors/dataset-load-error.js';
import type { SRecord } from '../model.js';
import { STANDARD_STAGES, standardStageRows } from '../schema/standard-objects.js';
import type { RecordTables } from './record-tables.js';
import { type Table, blankRecord } from './table.js';

/** What an Opportunity takes from its stage. */
export interface StageInfo {
  name: string;
  probability: number | null;
  isClosed: boolean;
  isWon: boolean;
  forecastCategoryName: string;
  active: boolean;
}

/** The built-in stage picklist, used when no OpportunityStage rows are loaded. */
export function standardStageInfos(): StageInfo[] {
  return STANDARD_STAGES.map((s) => ({ ...s, active: true }));
}

/** Stage facts from OpportunityStage rows (ApiName, else MasterLabel, is the StageName value). */
export function stageInfosFromRows(rows: Iterable<SRecord>): StageInfo[] {
  const out: StageInfo[] = [];
  for (const row of rows) {
    if (row.IsDeleted) continue;
    const name = (row.ApiName ?? row.MasterLabel) as string | null;
    if (!name) continue;
    out.push({
      name,
      probability: (row.DefaultProbability as number | null) ?? null,
      isClosed: row.IsClosed === true,
      isWon: row.IsWon === true,
      forecastCategoryName: (row.ForecastCategoryName as string | null) ?? (row.IsClosed ? (row.IsWon ? 'Closed' : 'Omitted') : 'Pipeline'),
      active: row.IsActive !== false,
    });
  }
  return out;
}

interface StageFacts {
  /** The table revision these facts were read at. */
  revision: number;
  byName: Map<string, StageInfo>;
  allNames: string[];
  activeNames: string[];
  picklist: string[];
}

export class OrgStages {
  private readonly table: Table;
  private facts: StageFacts | undefined;
  /** True while OpportunityStage holds the built-in picklist (a dataset may replace it). */
  private builtIn = false;

  constructor(private readonly tables: RecordTables) {
    this.table = tables.table('OpportunityStage')!;
  }

  /** The stage called `name` (active or not). */
  byName(name: string): StageInfo | undefined {
    return this.current().byName.get(name);
  }

  /** Every stage, inactive ones included: stored history may hold them, so loading accepts them. */
  allNames(): readonly string[] {
    return this.current().allNames;
  }

  /** The stages a client may set. */
  activeNames(): readonly string[] {
    return this.current().activeNames;
  }

  /** StageName's picklist as describe shows it: the active stages in their SortOrder. */
  picklist(): readonly string[] {
    return this.current().picklist;
  }

  /** Fills OpportunityStage with a new org's standard picklist. */
  insertBuiltIn(now: string): void {
    for (const row of standardStageRows()) {
      const rec: Record<string, unknown> = blankRecord(this.table);
      rec.Id = this.tables.nextId(this.table);
      Object.assign(rec, row, { CreatedDate: now, LastModifiedDate: now, SystemModstamp: now });
      this.tables.insert(this.table, rec as SRecord);
    }
    this.builtIn = true;
  }

  /** Clears the built-in picklist, once, for a dataset that brings its own stages. */
  makeRoomForDatasetStages(): void {
    if (!this.builtIn) return;
    if (this.tables.table('Opportunity')!.rows.length > 0) {
      throw new DatasetLoadError('OpportunityStage', undefined, 'OpportunityStage rows must be loaded before any Opportunity');
    }
    this.builtIn = false;
    for (const rec of [...this.table.rows]) this.tables.remove(this.table, rec);
    this.tables.resetSequence(this.table);
  }

  private current(): StageFacts {
    if (this.facts?.revision !== this.table.revision) {
      const fromRows = stageInfosFromRows(this.table.rows);
      const infos = fromRows.length > 0 ? fromRows : standardStageInfos();
      const listed = this.table.rows.filter((r) => !r.IsDeleted && r.IsActive !== false);
      listed.sort((a, b) => ((a.SortOrder as number | null) ?? 0) - ((b.SortOrder as number | null) ?? 0));
      this.facts = {
        revision: this.table.revision,
        byName: new Map(infos.map((s) => [s.name, s])),
        allNames: infos.map((s) => s.name),
        activeNames: infos.filter((s) => s.active).map((s) => s.name),
        picklist: listed.map((r) => (r.ApiName ?? r.MasterLabel) as string),
      };
    }
    return this.facts;
  }
}
