import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { assertRedisAnswers } from '../../src/queue/connection.js';

/** Whether a Redis answers at `url`, through the probe the commands use. */
export function redisAnswers(url: string): Promise<boolean> {
  return assertRedisAnswers(url).then(
    () => true,
    () => false,
  );
}

/** A TCP port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:`port` (a redis-server listens once it is ready). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether `redis-server` is installed (the suite needs it only when no Redis answers at REDIS_URL). */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/**
 * A throwaway redis-server on 127.0.0.1, without persistence: for the suite when no Redis answers,
 * and for tests that take Redis away and bring it back on the same port.
 */
export class PrivateRedis {
  private server: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly extraArgs: readonly string[],
  ) {}

  /** Starts one on a free port (`extraArgs` such as `--requirepass secret`) and waits until it answers. */
  static async start(extraArgs: readonly string[] = []): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), extraArgs);
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server again on the same port (after {@link stop}); resolves once it accepts connections. */
  async restart(): Promise<void> {
    const server = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...this.extraArgs], {
      stdio: 'ignore',
    });
    this.server = server;
    for (let tries = 0; !(await accepts(this.port)); tries += 1) {
      if (server.exitCode !== null || tries > 100) throw new Error(`redis-server on port ${this.port} did not start (exit code ${server.exitCode})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops redis-server and waits for it to exit; its data is gone (no persistence). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}
