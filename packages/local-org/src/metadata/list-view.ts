/**
 * A ListView source file (objects/<Object>/listViews/<Name>.listView-meta.xml). The type carries
 * columns, a scope and filters; it has no sort order (Salesforce keeps a list view's sort as each
 * user's preference). https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_listview.htm
 */
import { z } from 'zod';
import { SetupError } from '../errors/setup-error.js';

/** Filter operations of list views (ListViewFilter.operation). */
export const LIST_VIEW_OPERATIONS = [
  'equals', 'notEqual', 'lessThan', 'greaterThan', 'lessOrEqual', 'greaterOrEqual', 'contains', 'notContain', 'startsWith', 'includes', 'excludes',
] as const;
export type ListViewOperation = (typeof LIST_VIEW_OPERATIONS)[number];

const listViewSchema = z
  .object({
    fullName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected an API name'),
    label: z.string().min(1),
    columns: z.array(z.string().min(1)).min(1),
    filterScope: z.enum(['Everything', 'Mine', 'MineAndMyGroups', 'Queue', 'Delegated', 'MyTerritory', 'MyTeamTerritory', 'Team']),
    filters: z.array(z.object({ field: z.string().min(1), operation: z.enum(LIST_VIEW_OPERATIONS), value: z.string().optional() }).loose()).optional(),
    booleanFilter: z.string().optional(),
  })
  .loose();

export interface SourceListViewFilter {
  field: string;
  operation: ListViewOperation;
  /** Comma-separated values, as the metadata writes several. */
  value: string;
}

/** A list view as read from source. */
export interface SourceListView {
  objectName: string;
  name: string;
  label: string;
  columns: string[];
  scope: 'Everything' | 'Mine';
  filters: SourceListViewFilter[];
}

export function readListView(root: Record<string, unknown>, objectName: string, fileName: string, file: string): SourceListView {
  const parsed = listViewSchema.safeParse(root);
  if (!parsed.success) throw new SetupError([{ key: file, problem: z.prettifyError(parsed.error).replace(/\n/g, '; ') }]);
  const spec = parsed.data;
  const fail = (problem: string): never => {
    throw new SetupError([{ key: file, problem }]);
  };
  if (spec.fullName !== fileName) fail(`fullName ${spec.fullName} does not match the file name ${fileName}`);
  if (spec.filterScope !== 'Everything' && spec.filterScope !== 'Mine') fail(`filterScope ${spec.filterScope} is not served by the local org (Everything, Mine)`);
  if (spec.booleanFilter !== undefined) fail('booleanFilter is not served by the local org (filters are ANDed)');
  return {
    objectName,
    name: spec.fullName,
    label: spec.label,
    columns: spec.columns,
    scope: spec.filterScope as 'Everything' | 'Mine',
    filters: (spec.filters ?? []).map((f) => ({ field: f.field, operation: f.operation, value: f.value ?? '' })),
  };
}
