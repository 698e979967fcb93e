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

/** Resolves with stdout once `pattern` appears in it (rejects when the process ends first or time runs out). */
export function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(pattern)}; stdout: ${out} stderr: ${err}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before ready; stdout: ${out} stderr: ${err}`));
    });
  });
}

/** The value after `label:` on a line of the output (e.g. the printed login URL). */
export function printedValue(out: string, label: string): string {
  const match = new RegExp(`^\\s*${label}:\\s*(\\S+)`, 'm').exec(out);
  if (!match) throw new Error(`no "${label}" line in: ${out}`);
  return match[1]!;
}
