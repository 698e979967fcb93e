import { writeFile } from 'node:fs/promises';
import { formatBacktestHtml } from '../../scoring/backtest/render-html.js';
import { formatBacktestReport } from '../../scoring/backtest/render-text.js';
import { runBacktest } from '../../sync/run-backtest.js';
import { openScoringSession } from '../../sync/session.js';
import { EXIT, type CommandContext } from '../context.js';

export interface BacktestFlags {
  months: string;
  every: string;
  horizons: string;
  json?: boolean;
  html?: string;
}

function wholeNumber(flag: string, text: string): number | string {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : `backtest: ${flag} expects a whole number above 0, got "${text}"`;
}

/** The flags as numbers, or the line that says which one is wrong. */
function parseFlags(flags: BacktestFlags): { months: number; everyDays: number; horizons: number[] } | string {
  const months = wholeNumber('--months', flags.months);
  const everyDays = wholeNumber('--every', flags.every);
  const horizons = flags.horizons.split(',').map((part) => wholeNumber('--horizons', part.trim()));
  const bad = [months, everyDays, ...horizons].find((value) => typeof value === 'string');
  if (bad !== undefined) return bad;
  return { months: months as number, everyDays: everyDays as number, horizons: [...new Set(horizons as number[])] };
}

/** `dealrisk backtest`: replays the org's closed deals and reports how well the score told won from lost. Reads only. */
export async function runBacktestCommand(ctx: CommandContext, flags: BacktestFlags): Promise<number> {
  const parsed = parseFlags(flags);
  if (typeof parsed === 'string') {
    ctx.stderr.write(`${parsed}\n`);
    return EXIT.badConfig;
  }
  if (!ctx.config.salesforce.authFlow) {
    ctx.stderr.write('backtest: set SF_AUTH_FLOW and its settings (see .env.example) so dealrisk can read the closed deals from Salesforce\n');
    return EXIT.badConfig;
  }
  const session = await openScoringSession(ctx.config);
  ctx.stderr.write('backtest: reading closed deals…\n');
  let shown = 0;
  const run = await runBacktest({
    ...session,
    ...parsed,
    now: new Date(),
    onProgress: (done, total, atMs) => {
      // About ten lines for a long replay, whether or not stderr is a terminal.
      if (done === total || done - shown >= Math.max(1, Math.ceil(total / 10))) {
        shown = done;
        ctx.stderr.write(`backtest: replayed ${done}/${total} dates (${new Date(atMs).toISOString().slice(0, 10)})\n`);
      }
    },
  });
  const facts = { closedDealsRead: run.closedDealsRead, apiCalls: run.apiCalls, takenAsToday: run.takenAsToday };
  if (flags.html) {
    await writeFile(flags.html, formatBacktestHtml(run.report, facts));
    ctx.stderr.write(`backtest: wrote ${flags.html}\n`);
  }
  ctx.stdout.write(flags.json ? `${JSON.stringify({ ...run.report, source: facts }, null, 2)}\n` : formatBacktestReport(run.report, facts));
  return EXIT.ok;
}
