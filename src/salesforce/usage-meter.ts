import type { DailyUsage } from '../sync/api-budget.js';
import type { ObservedResponse } from './http-tap.js';
import { apiUsageOf } from './limit-info.js';

/**
 * The org's daily API usage as the latest response of this process's connection said it
 * (`Sforce-Limit-Info: api-usage=used/limit`), seen through the response tap: every job of the
 * process shares the login, so this is the freshest figure any of them has.
 */
export class UsageMeter {
  private latestUsage: DailyUsage | undefined;

  /** The tap's observer (bound, so it can be handed over as it is). */
  readonly observe = (response: ObservedResponse): void => {
    const usage = apiUsageOf(response.headers['sforce-limit-info']);
    if (usage) this.latestUsage = usage;
  };

  latest(): DailyUsage | undefined {
    return this.latestUsage;
  }
}
