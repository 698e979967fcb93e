import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { orgStart, type OrgStartFlags } from '../../src/cli/commands/org-start.js';
import type { CommandContext } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/logging/logger.js';

function memory(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

function context(): { ctx: CommandContext; out: () => string; err: () => string } {
  const stdout = memory();
  const stderr = memory();
  const config = loadConfig({}, undefined);
  return { ctx: { config, logger: createLogger({ level: 'silent', pretty: false }), stdout: stdout.stream, stderr: stderr.stream }, out: stdout.text, err: stderr.text };
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const flags = (extra: Partial<OrgStartFlags> = {}): OrgStartFlags => ({ host: '127.0.0.1', port: '0', dataset: 'empty', ...extra });

describe('org start command (in process)', () => {
  it('when started on port 0 with overridden credentials, then it prints the real URL and those credentials, serves them, and stops on the signal', async () => {
    const { ctx, out } = context();
    let stop: (signal: NodeJS.Signals) => void = () => undefined;
    const stopped = new Promise<NodeJS.Signals>((resolve) => (stop = resolve));
    const running = orgStart(ctx, flags({ username: 'admin@acme.test', password: 'p4ss', clientId: 'acme-client', clientSecret: 'acme-secret' }), () => stopped);
    await expect.poll(() => out(), { timeout: 10_000 }).toContain('Press Ctrl+C to stop.');
    const url = /login URL:\s+(\S+)/.exec(out())?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(out()).toContain('username:      admin@acme.test');
    expect(out()).toContain('client secret: acme-secret');

    const login = await fetch(`${url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'acme-client', client_secret: 'acme-secret', username: 'admin@acme.test', password: 'p4ss' }).toString(),
    });
    expect(login.status).toBe(200);
    const { access_token: token, id } = (await login.json()) as { access_token: string; id: string };
    const identity = (await (await fetch(`${id}?oauth_token=${encodeURIComponent(token)}`)).json()) as { username: string };
    expect(identity.username).toBe('admin@acme.test');

    stop('SIGTERM');
    expect(await running).toBe(0);
    expect(out()).toContain('stopped (SIGTERM)');
    await expect(fetch(`${url}/services/data`)).rejects.toThrow();
  });

  it('when --port and --login-port are given, then the My Domain and the login host listen there, and only the My Domain takes client credentials', async () => {
    const [port, loginPort] = await Promise.all([freePort(), freePort()]);
    const { ctx, out } = context();
    let stop: (signal: NodeJS.Signals) => void = () => undefined;
    const stopped = new Promise<NodeJS.Signals>((resolve) => (stop = resolve));
    const running = orgStart(ctx, flags({ port: String(port), loginPort: String(loginPort) }), () => stopped);
    await expect.poll(() => out(), { timeout: 10_000 }).toContain('Press Ctrl+C to stop.');
    expect(/My Domain URL:\s+(\S+)/.exec(out())?.[1]).toBe(`http://127.0.0.1:${port}`);
    expect(/login URL:\s+(\S+)/.exec(out())?.[1]).toBe(`http://127.0.0.1:${loginPort}`);
    const clientCredentials = (url: string) =>
      fetch(`${url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'dealrisk-local-client', client_secret: 'dealrisk-local-secret' }).toString(),
      });
    expect((await clientCredentials(`http://127.0.0.1:${port}`)).status).toBe(200);
    expect(await (await clientCredentials(`http://127.0.0.1:${loginPort}`)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'request not supported on this domain',
    });
    stop('SIGTERM');
    expect(await running).toBe(0);
  });

  it('when the port is taken, then it says so and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { ctx, err } = context();
      expect(await orgStart(ctx, flags({ port: String(port) }), () => new Promise(() => undefined))).toBe(1);
      expect(err()).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('when flags are bad, then each is named and the exit code is 2, a bad --faults key too', async () => {
    const cases: [Partial<OrgStartFlags>, string][] = [
      [{ port: '70000' }, '--port'],
      [{ opportunities: '-5' }, '--opportunities'],
      [{ asOf: '2026-13-45' }, '--as-of'],
      [{ asOf: '2026-02-30' }, '--as-of'],
      [{ asOf: 'yesterday' }, '--as-of'],
      [{ apiLimit: 'lots' }, '--api-limit'],
      [{ tokenTtl: '0' }, '--token-ttl'],
      [{ jwtCert: '/no/such/cert.pem' }, '--jwt-cert'],
      [{ password: '' }, '--password'],
      [{ port: '4100', loginPort: '4100' }, '--login-port'],
      [{ loginPort: 'x' }, '--login-port'],
    ];
    for (const [extra, flag] of cases) {
      const { ctx, err } = context();
      expect(await orgStart(ctx, flags(extra), () => new Promise(() => undefined))).toBe(2);
      expect(err()).toContain(flag);
    }
    const { ctx, err } = context();
    expect(await orgStart(ctx, flags({ faults: 'latency=100' }), () => new Promise(() => undefined))).toBe(2);
    expect(err()).toContain('--faults latency: unknown fault');
  });
});
