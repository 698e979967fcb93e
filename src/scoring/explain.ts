import { taskIdentity, type Assessment, type VerifierResult } from './assessment.js';
import type { StageBenchmark } from './benchmark-types.js';
import { fmt } from './wording.js';

function benchmarkLine(b: StageBenchmark): string {
  const origin =
    b.source === 'org'
      ? `from the org's data: median of ${b.wonSamples} won deals`
      : `playbook default (only ${b.wonSamples} won deals in the window)`;
  const lost =
    b.lostMedianDays === null
      ? 'no lost deals to compare'
      : `lost deals: median ${fmt(b.lostMedianDays)} days over ${b.lostSamples}` +
        (b.loseWinRatio === null ? '' : `, ${b.loseWinRatio.toFixed(2)}× the won median (research: 1.65×)`);
  const l = b.losing;
  const org = l.orgRatio === null ? 'org: too few won and lost deals' : `org ${l.orgRatio.toFixed(2)}× weighted ${Math.round(l.orgWeight * 100)}%`;
  return [
    `${b.stage}: ${fmt(b.days)} days, ${origin}; ${lost}`,
    `  Stalled from ${fmt(b.stalledDays)} days (${b.stalledPercentile === null ? "the playbook's ratio × its days" : `the ${b.stalledPercentile}th percentile of won deals`})`,
    `  Losing pattern from ${fmt(b.losingDays)} days: lose/win ratio used ${l.usedRatio.toFixed(2)}× (${org}; playbook ${l.playbookRatio.toFixed(2)}×)` +
      (b.losingDays > l.usedRatio * b.days + 1e-9 ? ', raised to the stalled threshold' : ''),
  ].join('\n  ');
}

function verifierLine(v: VerifierResult, uncalibrated = false): string {
  const evidence = v.met ? ` — evidence: ${v.evidence.join(', ')}` : uncalibrated ? ' — no won deal in the window met it, so it is not counted' : '';
  return `  [${v.met ? 'met' : uncalibrated ? 'uncalibrated' : 'MISSING'}] ${v.code}: ${v.label} (from ${v.stage})${evidence}`;
}

/**
 * The full, plain-text breakdown of an assessment, as printed by `dealrisk explain`: facts, each
 * signal with its points, verifiers met and missing with their evidence, the benchmark used and
 * where it came from, and the task plan.
 */
export function explainAssessment(assessment: Assessment): string {
  const lines: string[] = [`Opportunity ${assessment.opportunityId} "${assessment.opportunityName}"`];
  if (assessment.status === 'not_scored') {
    lines.push(`Not scored: ${assessment.reason}`);
    if (assessment.tasks.complete.length > 0) {
      lines.push('', 'Tasks to complete if open:', ...assessment.tasks.complete.map((code) => `  ${taskIdentity(assessment.opportunityId, code)}`));
    }
    return lines.join('\n');
  }
  const { facts: f } = assessment;
  lines.push(
    `Risk: ${assessment.score}/100 (${assessment.level})${assessment.codesText ? ` — ${assessment.codesText}` : ''}`,
    `Scored at ${assessment.scoredAt}`,
    '',
    'Facts',
    `  Stage: ${f.stage}${f.stageKnown ? '' : ' (not in the playbook)'}`,
  );
  if (f.stageEnteredAt !== null) {
    lines.push(`  Entered stage: ${f.stageEnteredAt.slice(0, 10)} (from ${f.stageEnteredSource}), ${f.daysInStage} days ago`);
  } else {
    lines.push('  Entered stage: unknown (no history, LastStageChangeDate or CreatedDate)');
  }
  if (f.benchmark) {
    lines.push(`  Benchmark: ${fmt(f.benchmark.days)} days (${f.benchmark.source === 'org' ? "org's won deals" : 'playbook default'})${f.ratio === null ? '' : `, ratio ${f.ratio.toFixed(2)}×`}`);
  }
  lines.push(`  Contacts: ${f.contacts.length === 0 ? 'none' : `${f.contacts.length}, ${f.profiledContacts} profiled`}`);
  for (const c of f.contacts) {
    const last = c.lastCustomerActivityAt ? `, last customer activity ${c.lastCustomerActivityAt.slice(0, 10)}` : '';
    lines.push(`    ${c.name} (${c.id}): ${c.profile ?? 'no profile'} → ${c.group}${c.roles.length ? `; roles ${c.roles.join(', ')}` : ''}${last}`);
  }
  lines.push(
    `  Close date: ${f.closeDate ?? 'none'}${f.daysPastCloseDate !== null ? ` (passed ${f.daysPastCloseDate} days ago)` : ''}; pushed out ${f.closeDatePushes} time${f.closeDatePushes === 1 ? '' : 's'}`,
    '',
    'Signals',
  );
  if (assessment.signals.length === 0) lines.push('  none: no risk found');
  for (const s of assessment.signals) lines.push(`  +${fmt(s.points)} ${s.code}: ${s.reason}`);
  if (f.notAssessed.length > 0) {
    lines.push('', 'Not assessed (the org does not record the input; never counted as risk)');
    for (const n of f.notAssessed) lines.push(`  ${n.code}: ${n.reason}`);
  }
  lines.push('', `Verifiers required by ${f.stage}`);
  const count = f.verifiersMet.length + f.verifiersMissing.length + f.verifiersUncalibrated.length;
  if (count === 0) lines.push(f.stageKnown ? '  none for this stage' : '  not checked (stage not in the playbook)');
  lines.push(...[...f.verifiersMet, ...f.verifiersMissing].map((v) => verifierLine(v)), ...f.verifiersUncalibrated.map((v) => verifierLine(v, true)));
  lines.push('', 'Benchmark used', `  ${f.benchmark ? benchmarkLine(f.benchmark) : 'none (stage not in the playbook)'}`);
  lines.push('', 'Tasks');
  if (assessment.tasks.open.length === 0 && assessment.tasks.complete.length === 0) lines.push('  none');
  for (const t of assessment.tasks.open) lines.push(`  open ${t.key}: "${t.subject}" due ${t.dueDate}, priority ${t.priority}`);
  for (const code of assessment.tasks.complete) lines.push(`  complete if open ${taskIdentity(assessment.opportunityId, code)}`);
  return lines.join('\n');
}
