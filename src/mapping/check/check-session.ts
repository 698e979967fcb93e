import type { ScoringSession } from '../../sync/session.js';
import { failing, type CheckRow } from './check-row.js';
import { checkMapping } from './check-mapping.js';

/** The check rows for a logged-in session, and the ones that would fail a sync. */
export async function checkSession(session: Pick<ScoringSession, 'metadata' | 'mapping' | 'playbook'>, apiVersion: string): Promise<{ rows: CheckRow[]; failures: CheckRow[] }> {
  const rows = await checkMapping(session.metadata, session.mapping, session.playbook, apiVersion);
  return { rows, failures: failing(rows) };
}
