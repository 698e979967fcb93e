// The scoring bench scores typical deals sent through the wire; this keeps that honest: the wire
// round trip (toWireRecord, JSON, toOpportunityInput) must lose nothing scoring reads.
import { describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../src/config/playbook-file.js';
import { assessOpportunity } from '../../../src/scoring/assess.js';
import { computeBenchmarks } from '../../../src/scoring/benchmarks.js';
import { closedDeal, NOW, throughTheWire, typicalDeal } from './typical-deals.js';

describe('typical deals through the wire', () => {
  const playbook = defaultPlaybook();
  const benchmarks = computeBenchmarks(Array.from({ length: 500 }, (_, i) => closedDeal(i)), playbook, NOW);
  const deals = Array.from({ length: 200 }, (_, i) => typicalDeal(i));
  const read = throughTheWire(deals);

  it('score exactly as the deals they were made from', () => {
    expect(read).toHaveLength(deals.length);
    let signals = 0;
    deals.forEach((deal, i) => {
      const direct = assessOpportunity(deal, playbook, benchmarks, NOW);
      const wired = assessOpportunity(read[i]!, playbook, benchmarks, NOW);
      expect(wired).toEqual(direct);
      if (direct.status === 'scored') signals += direct.signals.length;
    });
    // Not a vacuous match: the deals fire signals, so what they read made it across.
    expect(signals).toBeGreaterThan(deals.length);
  });

  it('carry every contact, history row and activity, with who-relations that include the WhoId', () => {
    deals.forEach((deal, i) => {
      const r = read[i]!;
      expect(r.contactRoles.map((c) => c.contact)).toEqual(deal.contactRoles.map((c) => c.contact));
      expect(r.history).toEqual(deal.history.map((row) => ({ Probability: null, ...row })));
      expect(r.fieldHistory).toEqual(deal.fieldHistory);
      expect(r.fields).toEqual(deal.fields);
      expect(r.activities.map((a) => a.Id).sort()).toEqual(deal.activities.map((a) => a.Id).sort());
      for (const a of r.activities) if (a.WhoId) expect(a.participantIds).toContain(a.WhoId);
    });
  });
});
