import { checkSession } from '../../mapping/check/check-session.js';
import { formatCheckTable } from '../../mapping/check/report-table.js';
import { writeDefaultMapping } from '../../mapping/mapping-file.js';
import { openScoringSession } from '../../sync/session.js';
import { EXIT, type CommandContext } from '../context.js';

/** `dealrisk mapping init [--force]`: writes the documented default mapping to DEALRISK_MAPPING. */
export function runMappingInit(ctx: CommandContext, flags: { force?: boolean }): Promise<number> {
  const path = ctx.config.files.mapping;
  if (!writeDefaultMapping(path, flags.force === true)) {
    ctx.stderr.write(`mapping init: ${path} already exists; pass --force to overwrite it with the default\n`);
    return Promise.resolve(EXIT.failure);
  }
  ctx.stdout.write(`Wrote the default mapping to ${path}. Edit it to your org's names, then run 'dealrisk mapping check'.\n`);
  return Promise.resolve(EXIT.ok);
}

/** `dealrisk mapping check`: the mapping against the org's describe and permissions, as a table; exit 1 when a sync would fail. */
export async function runMappingCheck(ctx: CommandContext): Promise<number> {
  if (!ctx.config.salesforce.authFlow) {
    ctx.stderr.write('mapping check: set SF_AUTH_FLOW and its settings (see .env.example) so dealrisk can log in as the integration user\n');
    return EXIT.badConfig;
  }
  const session = await openScoringSession(ctx.config);
  const { rows, failures } = await checkSession(session, ctx.config.salesforce.apiVersion);
  ctx.stdout.write(formatCheckTable(rows));
  const warnings = rows.filter((row) => row.status === 'WARN').length;
  ctx.stdout.write(
    failures.length === 0
      ? `\nThe mapping fits ${ctx.config.salesforce.loginUrl}${warnings ? ` (${warnings} warnings)` : ''}: next, 'dealrisk sync --wait'.\n`
      : `\n${failures.length} problems would fail a sync; fix them and run 'dealrisk mapping check' again.\n`,
  );
  return failures.length === 0 ? EXIT.ok : EXIT.failure;
}
