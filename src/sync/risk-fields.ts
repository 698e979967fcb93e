import type { ScoredAssessment } from '../scoring/index.js';

/** Longest text Deal_Risk_Codes__c holds (Text(255)); Deal_Risk_Reasons__c is a long text area. */
const CODES_MAX = 255;
const REASONS_MAX = 32_768;

/** The Opportunity fields dealrisk writes for one scored deal. */
export function riskFields(assessment: ScoredAssessment): Record<string, unknown> & { Id: string } {
  return {
    Id: assessment.opportunityId,
    Deal_Risk_Score__c: assessment.score,
    Deal_Risk_Level__c: assessment.level,
    Deal_Risk_Codes__c: assessment.codesText.slice(0, CODES_MAX),
    Deal_Risk_Reasons__c: assessment.reasonsText.slice(0, REASONS_MAX),
    Deal_Risk_Updated_At__c: assessment.scoredAt,
  };
}
