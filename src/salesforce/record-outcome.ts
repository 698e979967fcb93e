/** One record's write outcome: partial failure is data, not an exception. */
export interface RecordOutcome {
  id: string;
  success: boolean;
  errorCode?: string;
  message?: string;
  fields?: string[];
}
