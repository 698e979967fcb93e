import type { VerifierResult } from '../assessment.js';
import type { VerifierCalibration } from '../benchmark-types.js';
import type { CompiledVerifier } from '../compiled.js';
import { matchesPrepared, type DealFacts } from '../deal-facts.js';
import { DAY_MS } from '../time.js';
import { plural } from '../wording.js';
import type { SignalSink } from './sink.js';

/** A field value as text: strings trimmed, numbers and booleans as written (JSON.stringify cost ~100 ns a deal), anything else as JSON. */
function fieldText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function fieldMet(value: unknown, v: CompiledVerifier): boolean {
  if (v.def.kind !== 'field') return false;
  if (v.def.when === 'true') return value === true || value === 'true';
  if (value === null || value === undefined) return false;
  const text = fieldText(value);
  if (v.def.when === 'notEmpty') return text !== '';
  return v.values?.has(text) ?? false;
}

// Loops rather than Array#some with a closure: these run per contact and activity of every deal.
function holdsAny(roles: readonly string[], wanted: ReadonlySet<string>): boolean {
  for (const r of roles) if (wanted.has(r)) return true;
  return false;
}

function withMobilizer(deal: DealFacts, contactIndexes: readonly number[]): boolean {
  for (const i of contactIndexes) if (deal.contacts[i]!.group === 'mobilizer') return true;
  return false;
}

/**
 * Evidence the deal shows for one verifier: `Field=value`, contact ids or activity ids. `windowed`
 * false ignores `withinDays` (calibration asks whether a won deal ever showed it).
 */
export function evidenceFor(deal: DealFacts, v: CompiledVerifier, windowed = true): string[] {
  const evidence: string[] = [];
  const def = v.def;
  if (def.kind === 'field') {
    const value = deal.opp.fields[def.field];
    if (fieldMet(value, v)) evidence.push(`${def.field}=${typeof value === 'string' ? value : fieldText(value)}`);
  } else if (def.kind === 'contactRole') {
    for (const c of deal.contacts) {
      if ((!def.byMobilizer || c.group === 'mobilizer') && holdsAny(c.roles, v.roles!)) evidence.push(c.id);
    }
  } else {
    const since = def.withinDays === undefined || !windowed ? -Infinity : deal.todayMs - def.withinDays * DAY_MS;
    for (const p of deal.withContacts) {
      if (p.ms < since || !matchesPrepared(v.match!, p)) continue;
      if (def.byMobilizer && !withMobilizer(deal, p.contacts)) continue;
      evidence.push(p.a.Id);
    }
  }
  return evidence;
}

/**
 * The verifiers of the deal's stage and every stage before it, met, missing or uncalibrated (lacking,
 * but no won deal in the benchmark window met it either), and MISSING_VERIFIER over the missing ones.
 */
export function verifierSignals(
  deal: DealFacts,
  calibration: Readonly<Record<string, VerifierCalibration>> | undefined,
  out: SignalSink,
): { verifiersMet: VerifierResult[]; verifiersMissing: VerifierResult[]; verifiersUncalibrated: VerifierResult[] } {
  const verifiersMet: VerifierResult[] = [];
  const verifiersMissing: VerifierResult[] = [];
  const verifiersUncalibrated: VerifierResult[] = [];
  for (const v of deal.stageIndex === undefined ? [] : deal.pb.requiredByStage[deal.stageIndex]!) {
    const evidence = evidenceFor(deal, v);
    const result: VerifierResult = { code: v.def.code, label: v.def.label, stage: v.stage, kind: v.def.kind, met: evidence.length > 0, evidence };
    if (result.met) verifiersMet.push(result);
    else (calibration?.[v.def.code]?.calibrated === false ? verifiersUncalibrated : verifiersMissing).push(result);
  }
  const cfg = out.cfg.MISSING_VERIFIER;
  if (out.on('MISSING_VERIFIER') && verifiersMissing.length > 0) {
    out.fire(
      'MISSING_VERIFIER',
      Math.min(verifiersMissing.length * cfg.points, cfg.maxPoints),
      `Missing ${plural(verifiersMissing.length, 'customer verifier')} for ${deal.opp.StageName}: ${verifiersMissing.map((v) => `${v.label} (${v.code})`).join('; ')}.`,
      verifiersMissing.map((v) => v.code),
    );
  }
  return { verifiersMet, verifiersMissing, verifiersUncalibrated };
}
