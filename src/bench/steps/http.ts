import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createApiToken } from '../../services/auth/api-tokens.ts';
import type { BenchContext } from '../context.ts';
import { peakRssOfPid, prng } from '../measure.ts';
import type { BenchStep, Figure } from '../step.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DURATION_S = 10;
/** Unmeasured load first, for both servers alike: start-up checks, JIT and the page cache settle. */
const WARMUP_S = 3;
const CONNECTIONS = 16;

/** Starts a child process and waits for the line that carries its port. */
function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it listened:\n${out}`)));
  });
}

async function load(url: string, headers: Record<string, string>, pathFor: () => string) {
  // 30 s, not autocannon's 10: the raw list (a count of 1,000,000 rows each) queues 16 requests of ~0.7 s on one thread
  const run = (duration: number) => autocannon({ url, connections: CONNECTIONS, duration, timeout: 30, headers, requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }] });
  await run(WARMUP_S);
  const r = await run(DURATION_S);
  // a wrong answer fails the step; a few client-side errors (a timeout as the run ends) are counted, not hidden
  if (r.non2xx > 0 || r.errors > r.requests.total / 1000) throw new Error(`${url}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
  return { rps: r.requests.average, p95: r.latency.p97_5, errors: r.errors };
}

const errorsNote = (who: string, errors: number) => (errors ? `${who}: ${errors} client-side errors` : undefined);

/** get-by-id and the list over HTTP: Kedang's real server (sign-in token, access, masking) beside node:http + the bare driver. */
export const httpStep: BenchStep = {
  name: 'http',
  title: 'HTTP 吞吐 throughput (autocannon, 16 connections, 10 s each)',
  async run(ctx: BenchContext) {
    const token = await createApiToken(ctx.kedang.deps, ctx.admin, ctx.admin.userId, { name: `bench ${new Date().toISOString()}` });
    const env = {
      KEDANG_PORT: '0',
      KEDANG_LOG_LEVEL: 'warn',
      KEDANG_RATE_LIMIT_PER_MINUTE: '100000000',
      KEDANG_DATA_DIR: ctx.config.dataDir,
      BENCH_SQLITE_PATH: ctx.config.sqlitePath,
    };
    const random = prng(7);
    const id = () => 1 + Math.floor(random() * ctx.maxId);
    const kedang = await startChild(['bin/kedang.js', 'serve'], env, /running at https?:\/\/[^:]+:(\d+)/);
    let ours: Awaited<ReturnType<typeof load>>[];
    let serverPeak: number | undefined;
    try {
      const base = `http://127.0.0.1:${kedang.port}`;
      const headers = { authorization: `Bearer ${token.token}` };
      ours = [await load(base, headers, () => `/api/v1/customers/${id()}`), await load(base, headers, () => '/api/v1/customers?pageSize=20')];
      serverPeak = peakRssOfPid(kedang.child.pid!, (p) => fs.readFileSync(p, 'utf8'));
    } finally {
      kedang.child.kill('SIGTERM');
    }
    const raw = await startChild(['--import', 'tsx', 'src/bench/raw-server.ts'], env, /RAW-LISTENING (\d+)/);
    let theirs: Awaited<ReturnType<typeof load>>[];
    try {
      const base = `http://127.0.0.1:${raw.port}`;
      theirs = [await load(base, {}, () => `/customers/${id()}`), await load(base, {}, () => '/customers')];
    } finally {
      raw.child.kill('SIGTERM');
    }
    const figure = (metric: string, i: number, target?: Figure['target']): Figure => ({
      metric,
      kedang: ours[i]!.rps,
      raw: theirs[i]!.rps,
      unit: 'req/s',
      better: 'higher',
      target,
      note: [errorsNote('Kedang', ours[i]!.errors), errorsNote('raw', theirs[i]!.errors)].filter(Boolean).join(', ') || undefined,
    });
    const figures: Figure[] = [figure('GET customer by id', 0, { op: '>=', value: 3000 }), figure('GET list page 1', 1)];
    if (serverPeak !== undefined) figures.push({ metric: 'Kedang server peak RSS under load', kedang: serverPeak, unit: 'MB', better: 'lower' });
    return figures;
  },
};
