import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';

/** Redis Cluster's bus port is the client port + 10000, so client ports stay below 55536. */
const BUS_PORT_OFFSET = 10_000;
const FIRST_PORT = 20_000;
const PORT_SPAN = 30_000;

/** Whether nothing listens on 127.0.0.1:`port` (by binding it for a moment). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A client port whose bus port is free too. */
async function freeClusterPort(taken: ReadonlySet<number>): Promise<number> {
  for (let tries = 0; tries < 200; tries += 1) {
    const port = FIRST_PORT + Math.floor(Math.random() * (PORT_SPAN - BUS_PORT_OFFSET));
    if (taken.has(port) || taken.has(port + BUS_PORT_OFFSET)) continue;
    if ((await portIsFree(port)) && (await portIsFree(port + BUS_PORT_OFFSET))) return port;
  }
  throw new Error('no free port pair for a Redis Cluster node');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function redisCli(port: number, ...args: string[]): string {
  const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 30_000 });
  return `${result.stdout}${result.stderr}`;
}

/** Whether redis-server and redis-cli are installed (the cluster tests need both). */
export function redisClusterToolsInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0 && spawnSync('redis-cli', ['--version']).status === 0;
}

/**
 * A throwaway Redis Cluster on 127.0.0.1: `nodes` masters (no replicas, no persistence) in a temp
 * directory, joined with `redis-cli --cluster create`. {@link stop} ends every redis-server it
 * started and removes the directory; call it in afterAll.
 */
export class LocalRedisCluster {
  private constructor(
    readonly ports: readonly number[],
    private readonly servers: ChildProcess[],
    /** Where the nodes keep their cluster config files. */
    readonly dir: string,
  ) {}

  static async start(nodes = 3): Promise<LocalRedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'dealrisk-redis-cluster-'));
    const ports: number[] = [];
    const taken = new Set<number>();
    for (let i = 0; i < nodes; i += 1) {
      const port = await freeClusterPort(taken);
      ports.push(port);
      taken.add(port).add(port + BUS_PORT_OFFSET);
    }
    const servers = ports.map((port) =>
      spawn(
        'redis-server',
        [
          '--port', String(port),
          '--bind', '127.0.0.1',
          '--cluster-enabled', 'yes',
          '--cluster-config-file', join(dir, `nodes-${port}.conf`),
          // Generous: a starved test machine must not make the nodes think each other failed.
          '--cluster-node-timeout', '60000',
          '--dir', dir,
          '--save', '',
          '--appendonly', 'no',
        ],
        { stdio: 'ignore' },
      ),
    );
    const cluster = new LocalRedisCluster(ports, servers, dir);
    try {
      await cluster.waitFor(() => ports.every((port) => redisCli(port, 'ping').includes('PONG')), 'every node to answer PING');
      const created = redisCli(ports[0]!, '--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes');
      if (!created.includes('[OK] All 16384 slots covered')) throw new Error(`redis-cli --cluster create failed:\n${created}`);
      await cluster.waitFor(() => ports.every((port) => redisCli(port, 'cluster', 'info').includes('cluster_state:ok')), 'cluster_state:ok on every node');
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The first node's URL: what REDIS_URL names, with REDIS_CLUSTER=true, for the CLI. */
  get url(): string {
    return `redis://127.0.0.1:${this.ports[0]}`;
  }

  /** An ioredis Cluster client as BullMQ wants it (blocking commands wait through failovers). */
  connection(): Cluster {
    return new Cluster(this.ports.map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: null } });
  }

  /** The keys matching `pattern` on each master, one list per node (KEYS is per node on a cluster). */
  keysOnEachNode(pattern: string): string[][] {
    return this.ports.map((port) => redisCli(port, '--raw', 'keys', pattern).split('\n').filter((key) => key !== ''));
  }

  private async waitFor(ready: () => boolean, what: string): Promise<void> {
    for (let tries = 0; !ready(); tries += 1) {
      const exited = this.servers.find((server) => server.exitCode !== null);
      if (exited) throw new Error(`a redis-server of the cluster exited (code ${exited.exitCode}) while waiting for ${what}`);
      if (tries > 150) throw new Error(`Redis Cluster on ports ${this.ports.join(', ')}: timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  /** Stops every node, waits for each to exit and removes the temp directory. */
  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(async (server) => {
        if (server.exitCode !== null || server.signalCode !== null) return;
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}
