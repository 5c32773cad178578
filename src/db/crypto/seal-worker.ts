// Worker thread of bulk-sealer.ts: encrypts and blind-indexes bulk batches with the keys it was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { runSealJob, type SealJob, type SealKeys } from './bulk-sealer.ts';

const keys = workerData as SealKeys;
parentPort!.on('message', (m: { id: number; job: SealJob }) => {
  parentPort!.postMessage({ id: m.id, result: runSealJob(keys, m.job) });
});
