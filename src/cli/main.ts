import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError, type Command } from 'commander';
import { loadConfig, type EnvSource } from '../config/load.js';
import { envSchema } from '../config/schema.js';
import { isConfigError } from '../errors/config-error.js';
import { DealriskError } from '../errors/dealrisk-error.js';
import type { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { isLoginRefused } from '../salesforce/connect.js';
import { EXIT, type CommandContext } from './context.js';
import { buildProgram } from './program.js';

export interface MainIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * The exit code of each of dealrisk's own errors, by class name: 2 when a setting must change
 * (the message names it), 1 when something failed that may work next time. An error class not
 * listed exits with 1.
 */
const EXIT_CODE_BY_ERROR: Record<string, (error: DealriskError) => number> = {
  ConfigError: () => EXIT.badConfig,
  SalesforceAuthError: (error) => (isLoginRefused(error as SalesforceAuthError) ? EXIT.badConfig : EXIT.failure),
  RedisUnavailableError: () => EXIT.failure,
};

/** What a failed command prints: one line (one per bad key for bad configuration). */
function failureText(error: unknown): string {
  if (isConfigError(error)) {
    const aboutSettings = error.problems.some((problem) => problem.key in envSchema.shape);
    return `${error.message}\n${aboutSettings ? 'See .env.example for every setting and what it expects.\n' : ''}`;
  }
  if (error instanceof DealriskError) return `dealrisk: ${error.message}\n`;
  // Not one of dealrisk's own errors (a failed job's reason, a library's error, a bug): its message may not name a setting.
  const message = error instanceof Error ? error.message : String(error);
  return `dealrisk: ${message} (LOG_LEVEL=debug prints its stack trace)\n`;
}

/**
 * Turns an error that ended a command into its line on stderr and its exit code, the one place
 * that does. The stack trace (with its causes) goes to the debug log only.
 */
function endWith(error: unknown, io: MainIo, logger: Logger | undefined): number {
  io.stderr.write(failureText(error));
  logger?.debug({ err: error }, 'command failed');
  if (!(error instanceof DealriskError)) return EXIT.failure;
  return (EXIT_CODE_BY_ERROR[error.name] ?? (() => EXIT.failure))(error);
}

/**
 * The CLI entry point: parses the arguments, loads the configuration once and runs the command.
 * Every error ends as one readable line and an exit code (see {@link EXIT_CODE_BY_ERROR}); it
 * never throws. Returns the process exit code.
 */
export async function main(
  argv: readonly string[],
  env: EnvSource,
  io: MainIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let exitCode: number = EXIT.ok;
  let logger: Logger | undefined;
  const program = buildProgram(async (body) => {
    const config = loadConfig(env);
    logger = createLogger(config.log);
    const context: CommandContext = { config, logger, ...io };
    exitCode = await body(context);
  });
  const output = { writeOut: (text: string) => io.stdout.write(text), writeErr: (text: string) => io.stderr.write(text) };
  // Commander would call process.exit; make every (sub)command throw instead so main returns the code.
  const override = (command: Command): void => {
    command.exitOverride().configureOutput(output);
    command.commands.forEach(override);
  };
  override(program);

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    // Commander has printed its own message (usage errors, --help).
    if (error instanceof CommanderError) return error.exitCode;
    return endWith(error, io, logger);
  }
}

/**
 * Runs the CLI as this process and exits with its code once stdout and stderr are flushed. A
 * command has finished when it returns: nothing it started may hold the process open (a job cut
 * off by the worker's grace period may still wait on Salesforce; the job itself is back in its queue).
 */
export async function runAsProcess(): Promise<never> {
  const code = await main(process.argv, process.env).catch((error: unknown) => {
    process.stderr.write(`dealrisk: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  });
  // An empty write calls back once everything written before it has been handed to the OS.
  await new Promise((resolve) => process.stdout.write('', resolve));
  await new Promise((resolve) => process.stderr.write('', resolve));
  process.exit(code);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void runAsProcess();
