import { STANDARD_STAGES, type StandardStage } from '../schema/standard-objects.js';

/** A stage of Salesforce's standard picklist (defined once, in the org's schema). */
export type StageDef = StandardStage;

/** The open stages in pipeline order; a stage's index here is how far along a deal is. */
export const OPEN_STAGES: readonly StageDef[] = STANDARD_STAGES.filter((stage) => !stage.isClosed);
export const CLOSED_WON: StageDef = STANDARD_STAGES.find((stage) => stage.isWon)!;
export const CLOSED_LOST: StageDef = STANDARD_STAGES.find((stage) => stage.isClosed && !stage.isWon)!;

/** The stage definition by name; undefined for names outside the standard picklist. */
export function stageByName(name: string): StageDef | undefined {
  return STANDARD_STAGES.find((stage) => stage.name === name);
}
