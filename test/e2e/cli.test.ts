import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('dealrisk CLI', () => {
  it('when asked for help, then it lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['org', 'sync', 'worker', 'schedule', 'status', 'mapping', 'explain', 'backtest', 'dashboard', 'demo']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('when given an unknown command, then it says so and exits non-zero', async () => {
    const result = await runCli(['nonsense']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'nonsense'");
  });

  it('when given an unknown flag, then it says so and exits non-zero', async () => {
    const result = await runCli(['sync', '--frobnicate']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
  });

  it('when the configuration is bad, then every bad key is named, exit code 2, no stack trace', async () => {
    const result = await runCli(['status'], { SF_AUTH_FLOW: 'bogus', REDIS_URL: 'notaurl' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SF_AUTH_FLOW: expected one of jwt, client_credentials, refresh_token, password, access_token');
    expect(result.stderr).toContain('REDIS_URL: expected a redis:// or rediss:// URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
