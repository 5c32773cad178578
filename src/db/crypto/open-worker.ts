// Worker thread of bulk-sealer.ts' createBulkOpener: decrypts large reads with the data keys it was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { runOpenJob } from './field-cipher.ts';

const dataKeys = new Map(workerData as [string, Uint8Array][]);
parentPort!.on('message', (m: { id: number; job: string[] }) => {
  parentPort!.postMessage({ id: m.id, result: runOpenJob(dataKeys, m.job) });
});
