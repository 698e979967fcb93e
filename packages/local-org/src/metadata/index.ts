/** SFDX source metadata: what the local org builds its custom schema, permissions and list views from. */
export { readSourceMetadata, emptySource, type SourceMetadata } from './read-source.js';
export type { SourceField, StandardFieldSettings } from './custom-field.js';
export type { SourceObject } from './custom-object.js';
export type { SourcePermissionSet, SourceFieldPermission, SourceObjectPermission } from './permission-set.js';
export type { SourceListView, SourceListViewFilter, ListViewOperation } from './list-view.js';
