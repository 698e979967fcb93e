import { LIST_VIEW_PREFIX, makeId } from '../ids.js';
import type { OrgSchema } from '../model.js';
import type { SourceMetadata } from '../metadata/index.js';
import { planListView, type ListViewPlan } from './list-view-query.js';

/** The org's list views from source metadata, by object and by id (00B…, numbered in file order). */
export interface ListViews {
  forObject(objectName: string): ListViewPlan[];
  byId(id: string): ListViewPlan | undefined;
}

export function createListViews(source: SourceMetadata, schema: OrgSchema): ListViews {
  const plans = source.listViews.map((view, i) => planListView(view, makeId(LIST_VIEW_PREFIX, i + 1), schema));
  return {
    forObject: (objectName) => plans.filter((plan) => plan.object.name.toLowerCase() === objectName.toLowerCase()),
    // Salesforce answers list views under their 15- and 18-character ids alike.
    byId: (id) => plans.find((plan) => plan.id === id || plan.id.slice(0, 15) === id),
  };
}
