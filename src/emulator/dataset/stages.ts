/**
 * Salesforce's standard Opportunity stage picklist (the values a new org ships with), with the
 * default probabilities Salesforce assigns. Forecast category names use Salesforce's labels
 * ('Best Case', not 'BestCase'); open stages ramp Pipeline → Best Case → Commit as a typical org
 * configures them.
 * https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-opportunitystage.html
 */
export interface StageDef {
  name: string;
  probability: number;
  isClosed: boolean;
  isWon: boolean;
  forecastCategoryName: 'Pipeline' | 'Best Case' | 'Commit' | 'Closed' | 'Omitted';
}

/** Every stage in picklist (sort) order: the eight open stages, then Closed Won and Closed Lost. */
export const STANDARD_STAGES: readonly StageDef[] = [
  { name: 'Prospecting', probability: 10, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Qualification', probability: 10, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Needs Analysis', probability: 20, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Value Proposition', probability: 50, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Id. Decision Makers', probability: 60, isClosed: false, isWon: false, forecastCategoryName: 'Pipeline' },
  { name: 'Perception Analysis', probability: 70, isClosed: false, isWon: false, forecastCategoryName: 'Best Case' },
  { name: 'Proposal/Price Quote', probability: 75, isClosed: false, isWon: false, forecastCategoryName: 'Best Case' },
  { name: 'Negotiation/Review', probability: 90, isClosed: false, isWon: false, forecastCategoryName: 'Commit' },
  { name: 'Closed Won', probability: 100, isClosed: true, isWon: true, forecastCategoryName: 'Closed' },
  { name: 'Closed Lost', probability: 0, isClosed: true, isWon: false, forecastCategoryName: 'Omitted' },
];

/** ForecastCategory (API value) for each ForecastCategoryName (label). */
export const FORECAST_CATEGORY: Record<StageDef['forecastCategoryName'], string> = {
  Pipeline: 'Pipeline',
  'Best Case': 'BestCase',
  Commit: 'Forecast',
  Closed: 'Closed',
  Omitted: 'Omitted',
};

/** The open stages in pipeline order; a stage's index here is how far along a deal is. */
export const OPEN_STAGES: readonly StageDef[] = STANDARD_STAGES.filter((stage) => !stage.isClosed);
export const CLOSED_WON: StageDef = STANDARD_STAGES.find((stage) => stage.isWon)!;
export const CLOSED_LOST: StageDef = STANDARD_STAGES.find((stage) => stage.isClosed && !stage.isWon)!;

/** The stage definition by name; undefined for names outside the standard picklist. */
export function stageByName(name: string): StageDef | undefined {
  return STANDARD_STAGES.find((stage) => stage.name === name);
}
