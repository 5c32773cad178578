import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { encryptWith, hmacIndex } from './field-cipher.ts';
import type { RecordCipher } from './record-cipher.ts';
import { searchTermKeys, type SearchTermKey, type SearchTermSource } from '../search-terms.ts';

/**
 * One bulk batch's work off the writing thread: values to encrypt, blind-index inputs
 * (RecordCipher.indexInput) and the customers' names to make search terms of (pinyin is the costly
 * part of an import row). Null stays null.
 */
export type SealJob = { seal: (string | null)[]; index: (string | null)[]; names: Omit<SearchTermSource, 'id'>[] };
/** The job done: ciphertexts and blind indexes in the job's order, and each named customer's term keys. */
export type Sealed = { seal: (string | null)[]; index: (string | null)[]; terms: SearchTermKey[][] };
export type SealKeys = { keyId: string; key: Uint8Array; indexKey: Uint8Array };

export function runSealJob(keys: SealKeys, job: SealJob): Sealed {
  return {
    seal: job.seal.map((v) => (v === null ? null : encryptWith(keys.keyId, keys.key, v))),
    index: job.index.map((v) => (v === null ? null : hmacIndex(keys.indexKey, v))),
    terms: job.names.map(searchTermKeys),
  };
}

export type BulkSealer = { run(job: SealJob): Promise<Sealed>; close(): Promise<void>; readonly onWorker: boolean };

/**
 * A worker runs the TypeScript sources as the CLI does: a small script registers tsx in the worker
 * (a worker's own --import is not honoured on Node 20), then loads the entry module. Undefined without tsx.
 */
export function tsWorkerScript(entryUrl: URL): string | undefined {
  try {
    // the ESM build of tsx's API, as its package exports it (the CommonJS one cannot register hooks in a worker)
    const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
    const api = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
    const tsx = pathToFileURL(path.join(path.dirname(manifest), api)).href;
    const entry = entryUrl.href;
    return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  } catch {
    return undefined;
  }
}

/**
 * Encrypts bulk batches on a worker thread, so a seed's main thread generates (and SQLite writes) the
 * next batch meanwhile. Falls back to this thread when no worker can start.
 */
export function createBulkSealer(cipher: RecordCipher): BulkSealer {
  const ring = cipher.ring;
  const keys: SealKeys = { keyId: ring.currentKeyId, key: ring.dataKeys.get(ring.currentKeyId)!, indexKey: ring.indexKey };
  const inline: BulkSealer = { run: async (job) => runSealJob(keys, job), close: async () => undefined, onWorker: false };
  const script = tsWorkerScript(new URL('./seal-worker.ts', import.meta.url));
  if (!script) return inline;
  let worker: Worker;
  try {
    worker = new Worker(script, { eval: true, workerData: keys });
  } catch {
    return inline;
  }
  let broken = false;
  let next = 0;
  const pending = new Map<number, { job: SealJob; resolve: (r: Sealed) => void }>();
  // a worker that cannot run leaves its jobs (and all later ones) to this thread rather than failing the load
  const fallBack = () => {
    broken = true;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve(runSealJob(keys, p.job));
    }
  };
  worker.on('message', (m: { id: number; result: Sealed }) => {
    pending.get(m.id)?.resolve(m.result);
    pending.delete(m.id);
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
    run(job) {
      if (broken) return inline.run(job);
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, { job, resolve });
        worker.postMessage({ id, job });
      });
    },
    async close() {
      broken = true;
      await worker.terminate();
    },
    get onWorker() {
      return !broken;
    },
  };
}
