import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CommanderError, type Command } from 'commander';
import { loadConfig, type EnvSource } from '../config/load.js';
import { envSchema } from '../config/schema.js';
import { isConfigError } from '../errors/config-error.js';
import { createLogger } from '../logging/logger.js';
import { EXIT, type CommandContext } from './context.js';
import { buildProgram } from './program.js';

export interface MainIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * The CLI entry point: parses the arguments, loads the configuration once (bad configuration →
 * exit code 2 with one line per bad key, no stack trace) and runs the command.
 * Returns the process exit code.
 */
export async function main(
  argv: readonly string[],
  env: EnvSource,
  io: MainIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(async (body) => {
    const config = loadConfig(env);
    const context: CommandContext = { config, logger: createLogger(config.log), ...io };
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
    if (error instanceof CommanderError) return error.exitCode;
    if (isConfigError(error)) {
      const aboutSettings = error.problems.some((problem) => problem.key in envSchema.shape);
      io.stderr.write(`${error.message}\n${aboutSettings ? 'See .env.example for every setting and what it expects.\n' : ''}`);
      return EXIT.badConfig;
    }
    throw error;
  }
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

if (isEntryPoint()) {
  main(process.argv, process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`dealrisk: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
