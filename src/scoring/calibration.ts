import type { InputCalibration, VerifierCalibration } from './benchmark-types.js';
import type { CompiledPlaybook, CompiledVerifier } from './compiled.js';
import { dealFacts } from './deal-facts.js';
import type { Playbook } from './playbook.js';
import { evidenceFor } from './signals/verifiers.js';
import type { ClosedDealInput, OpportunityInput } from './types.js';

/** The inputs a verifier of each kind reads on a closed deal. */
function carries(deal: ClosedDealInput, kind: VerifierCalibration['kind']): boolean {
  if (kind === 'field') return deal.fields !== undefined;
  if (kind === 'contactRole') return deal.contactRoles !== undefined;
  return deal.contactRoles !== undefined && deal.activities !== undefined;
}

/** A closed deal as the open-deal input the verifiers read. */
function asOpportunity(deal: ClosedDealInput): OpportunityInput {
  return {
    ...deal,
    Name: deal.Id,
    OwnerId: '',
    fields: deal.fields ?? {},
    fieldHistory: [],
    contactRoles: deal.contactRoles ?? [],
    activities: deal.activities ?? [],
  };
}

export type CalibrationResult = { verifiers: Record<string, VerifierCalibration>; engagement: InputCalibration; nextStep: InputCalibration };

/**
 * Each verifier's fill rate among the won deals, tallied one won deal at a time (with when it
 * closed), so verifiers the org never records can be told apart from verifiers a deal lacks; and
 * the same for customer activity. Keeps counts only, never the deals.
 */
export class VerifierTally {
  private readonly tallies: { v: CompiledVerifier; wonDeals: number; metDeals: number }[];
  private readonly engagement = { wonDeals: 0, metDeals: 0 };
  private readonly nextStep = { wonDeals: 0, metDeals: 0 };

  constructor(
    private readonly playbook: Playbook,
    private readonly pb: CompiledPlaybook,
  ) {
    const all = pb.requiredByStage[pb.requiredByStage.length - 1] ?? [];
    this.tallies = all.map((v) => ({ v, wonDeals: 0, metDeals: 0 }));
  }

  add(deal: ClosedDealInput, closedMs: number): void {
    const { engagement, nextStep } = this;
    if (deal.NextStep !== undefined) {
      nextStep.wonDeals += 1;
      if (deal.NextStep !== null && deal.NextStep.trim() !== '') nextStep.metDeals += 1;
    }
    if (!carries(deal, 'field') && !carries(deal, 'contactRole')) return;
    const facts = dealFacts(asOpportunity(deal), this.playbook, this.pb, closedMs);
    if (carries(deal, 'activity')) {
      engagement.wonDeals += 1;
      if (facts.otherLastCustomerMs.size > 0 || facts.lastCustomerMs.some((ms) => ms > -Infinity)) engagement.metDeals += 1;
    }
    for (const t of this.tallies) {
      if (!carries(deal, t.v.def.kind)) continue;
      t.wonDeals += 1;
      if (evidenceFor(facts, t.v, false).length > 0) t.metDeals += 1;
    }
  }

  result(): CalibrationResult {
    const verifiers: Record<string, VerifierCalibration> = {};
    const enough = (n: number) => n >= this.playbook.benchmarks.minSample;
    for (const { v, wonDeals, metDeals } of this.tallies) {
      verifiers[v.def.code] = {
        code: v.def.code,
        label: v.def.label,
        kind: v.def.kind,
        wonDeals,
        metDeals,
        fillRate: wonDeals === 0 ? null : metDeals / wonDeals,
        calibrated: !(enough(wonDeals) && metDeals === 0),
      };
    }
    const input = (t: { wonDeals: number; metDeals: number }): InputCalibration => ({
      ...t,
      fillRate: t.wonDeals === 0 ? null : t.metDeals / t.wonDeals,
      calibrated: !(enough(t.wonDeals) && t.metDeals === 0),
    });
    return { verifiers, engagement: input(this.engagement), nextStep: input(this.nextStep) };
  }
}
