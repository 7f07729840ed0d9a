import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildServer, serverCommand } from '../../scripts/build-server.ts';

/**
 * Real server processes for the scale-out, crash and load tests: the server as `npm start` builds and runs it, as a
 * child on a free port, and nginx in front of several of them with the configuration shipped in deploy/nginx.conf.
 */
const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitUntil(what: string, ready: () => Promise<boolean>, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited before it was ready:\n${log()}`);
    }
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready within 60 s:\n${log()}`);
}

export interface ServerNode {
  port: number;
  url: string;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const healthy = (url: string) => async () => {
  try {
    return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
};

function track(child: ChildProcess) {
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => out;
}

function killer(child: ChildProcess) {
  return async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
}

let built: Promise<string> | undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The server bundled as `npm start` runs it (scripts/build-server.ts), built once per test process into a folder
 * of its own; the folders of test processes that have ended are removed (their exit does not always run hooks).
 */
function builtServer(): Promise<string> {
  built ??= (async () => {
    const dist = path.join(root, 'dist');
    for (const name of existsSync(dist) ? readdirSync(dist) : []) {
      const pid = /^server-test-(\d+)$/.exec(name)?.[1];
      if (pid && !alive(Number(pid))) rmSync(path.join(dist, name), { recursive: true, force: true });
    }
    return path.join(await buildServer(`dist/server-test-${process.pid}`), 'main.mjs');
  })();
  return built;
}

/**
 * Starts one app node as production runs it (the bundle, with the environment and node flags of `npm start`); `env`
 * adds DATABASE_URL or DATA_DIR, the key, and so on. `script` runs another server from its TypeScript source instead.
 */
export async function startNode(env: Record<string, string>, script?: string): Promise<ServerNode> {
  const port = await freePort();
  const command = serverCommand();
  // tsx as a loader in this one process (the tsx CLI would run the server in a child that SIGKILL misses).
  const args = script ? ['--import', 'tsx', script] : [...command.nodeArgs, await builtServer()];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      ...command.env,
      NODE_ENV: 'production',
      SHUANGYONG_DEMO: '0',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = track(child);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(`node on ${port}`, healthy(url), child, output);
  return { port, url, child, output, kill: killer(child) };
}

export interface Balancer {
  url: string;
  kill(): Promise<void>;
}

/** True when Debian's nginx is installed. */
export const nginxAvailable = () => spawnSync('nginx', ['-v']).status === 0;

/** nginx on 127.0.0.1 in front of the given nodes, from deploy/nginx.conf with its ports replaced. */
export async function startNginx(upstreamPorts: number[]): Promise<Balancer> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'sy-nginx-'));
  chmodSync(prefix, 0o755);
  mkdirSync(path.join(prefix, 'logs'));
  mkdirSync(path.join(prefix, 'tmp'));
  const port = await freePort();
  const template = readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8');
  const servers = upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n    ');
  const conf = template
    .replace(/^(\s*)server 127\.0\.0\.1:3001[^\n]*\n(\s*server 127\.0\.0\.1:\d+[^\n]*\n)*/m, `$1${servers}\n`)
    .replace(/^(\s*)listen\s+\d+;/m, `$1listen 127.0.0.1:${port};`);
  writeFileSync(path.join(prefix, 'nginx.conf'), conf);
  const child = spawn(
    'nginx',
    ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = track(child);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil('nginx', healthy(url), child, output);
  const stop = killer(child);
  return {
    url,
    kill: async () => {
      await stop('SIGTERM');
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
