import { toId18 } from '@dealrisk/salesforce-wire';
import { explainAssessment } from '../../scoring/index.js';
import { formatTaskWrites } from '../../sync/format-task-writes.js';
import { assessOneDeal } from '../../sync/explain-deal.js';
import { openScoringSession } from '../../sync/session.js';
import { EXIT, type CommandContext } from '../context.js';

/** `dealrisk explain <opportunityId>`: the full breakdown of one deal, read live from Salesforce. */
export async function runExplain(ctx: CommandContext, opportunityId: string): Promise<number> {
  const id = toId18(opportunityId);
  if (!id || !id.startsWith('006')) {
    ctx.stderr.write(`explain: "${opportunityId}" is not an Opportunity id (15 or 18 characters starting with 006)\n`);
    return EXIT.failure;
  }
  if (!ctx.config.salesforce.authFlow) {
    ctx.stderr.write('explain: set SF_AUTH_FLOW and its settings (see .env.example) so dealrisk can read the opportunity from Salesforce\n');
    return EXIT.badConfig;
  }
  const session = await openScoringSession(ctx.config);
  const explained = await assessOneDeal({ ...session, now: new Date(), opportunityId: id });
  if (!explained) {
    ctx.stderr.write(`explain: no Opportunity ${id} in ${ctx.config.salesforce.loginUrl}\n`);
    return EXIT.failure;
  }
  ctx.stdout.write(`${explainAssessment(explained.assessment)}\n`);
  ctx.stdout.write(formatTaskWrites(explained.tasks, session.mapping.tasks.keyField));
  return EXIT.ok;
}
