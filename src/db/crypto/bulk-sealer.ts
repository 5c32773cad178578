import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { encryptWith, hmacIndex, runOpenJob } from './field-cipher.ts';
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

export type BulkSealer = OffThread<SealJob, Sealed>;

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

/** A job run on a worker thread, or on this one when no worker can start (or it stopped). */
export type OffThread<J, R> = { run(job: J): Promise<R>; close(): Promise<void>; readonly onWorker: boolean };

function offThread<J, R>(entry: URL, workerData: unknown, inline: (job: J) => R): OffThread<J, R> {
  const here: OffThread<J, R> = { run: async (job) => inline(job), close: async () => undefined, onWorker: false };
  const script = tsWorkerScript(entry);
  if (!script) return here;
  let worker: Worker;
  try {
    worker = new Worker(script, { eval: true, workerData });
  } catch {
    return here;
  }
  let broken = false;
  let next = 0;
  const pending = new Map<number, { job: J; resolve: (r: R) => void }>();
  // a worker that cannot run leaves its jobs (and all later ones) to this thread rather than failing the work
  const fallBack = () => {
    broken = true;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve(inline(p.job));
    }
  };
  worker.on('message', (m: { id: number; result: R }) => {
    pending.get(m.id)?.resolve(m.result);
    pending.delete(m.id);
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
    run(job) {
      if (broken) return here.run(job);
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

/**
 * Encrypts bulk batches on a worker thread, so a seed's main thread generates (and SQLite writes) the
 * next batch meanwhile. Falls back to this thread when no worker can start.
 */
export function createBulkSealer(cipher: RecordCipher): BulkSealer {
  const ring = cipher.ring;
  const keys: SealKeys = { keyId: ring.currentKeyId, key: ring.dataKeys.get(ring.currentKeyId)!, indexKey: ring.indexKey };
  return offThread(new URL('./seal-worker.ts', import.meta.url), keys, (job: SealJob) => runSealJob(keys, job));
}

/** `run(ciphertexts)`: the plaintexts in order, null where a value is under a key rotated in since. */
export type BulkOpener = OffThread<readonly string[], (string | null)[]>;

/**
 * Decrypts large reads (an export's batches) on a worker thread with the data keys loaded now, while this
 * thread reads and writes the next batch. Values it cannot open come back null, for `cipher.reading`.
 */
export function createBulkOpener(cipher: RecordCipher): BulkOpener {
  const dataKeys = new Map(cipher.ring.dataKeys);
  return offThread(new URL('./open-worker.ts', import.meta.url), [...dataKeys], (values: readonly string[]) => runOpenJob(dataKeys, values));
}
