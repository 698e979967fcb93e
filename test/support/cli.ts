import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the dealrisk CLI as a user would: a separate Node process, from the source through tsx,
 * with only the environment given (plus PATH).
 */
export function startCli(args: string[], env: Record<string, string> = {}, cwd = root): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--conditions=source', '--import', pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href, `${root}src/cli/main.ts`, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '', ...env },
  });
}

/** Runs the CLI to completion and collects its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = root, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, env, cwd);
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Resolves with the output of `stream` (stdout unless told) once `pattern` appears in it; rejects
 * when the process ends first or time runs out. Only output from the call onwards is seen.
 */
export function waitForOutput(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  timeoutMs: number,
  stream: 'stdout' | 'stderr' = 'stdout',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const seen = { stdout: '', stderr: '' };
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(pattern)}; stdout: ${seen.stdout} stderr: ${seen.stderr}`)), timeoutMs);
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].on('data', (chunk: Buffer) => {
        seen[name] += chunk.toString();
        if (name === stream && pattern.test(seen[name])) {
          clearTimeout(timer);
          resolve(seen[name]);
        }
      });
    }
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before ready; stdout: ${seen.stdout} stderr: ${seen.stderr}`));
    });
  });
}

/** Resolves with the exit code once the process has exited (at once if it already has). */
export function exitCodeOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The value after `label:` on a line of the output (e.g. the printed login URL). */
export function printedValue(out: string, label: string): string {
  const match = new RegExp(`^\\s*${label}:\\s*(\\S+)`, 'm').exec(out);
  if (!match) throw new Error(`no "${label}" line in: ${out}`);
  return match[1]!;
}
