import type { ScoredAssessment } from '../scoring/index.js';

/** Longest text Risk_Codes__c holds (Text(255)); Risk_Reasons__c is a long text area. */
const CODES_MAX = 255;
const REASONS_MAX = 32_768;

/** The Opportunity fields dealrisk writes for one scored deal. */
export function riskFields(assessment: ScoredAssessment): Record<string, unknown> & { Id: string } {
  return {
    Id: assessment.opportunityId,
    Risk_Score__c: assessment.score,
    Risk_Level__c: assessment.level,
    Risk_Codes__c: assessment.codesText.slice(0, CODES_MAX),
    Risk_Reasons__c: assessment.reasonsText.slice(0, REASONS_MAX),
    Risk_Scored_At__c: assessment.scoredAt,
  };
}
