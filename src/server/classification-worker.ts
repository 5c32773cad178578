// Worker thread of classification-jobs.ts: opens Kedang on its own connection and runs one classification.
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../domain/errors.ts';
import { runClassification } from '../services/classification/run-classification.ts';
import { openKedang } from '../wiring.ts';
import type { WorkerInput, WorkerMessage } from './classification-jobs.ts';

const { config, actor, input } = workerData as WorkerInput;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

try {
  const kedang = await openKedang(config, { migrate: false });
  try {
    const summary = await runClassification(kedang.deps, actor, input, { progress: (p) => post({ type: 'progress', progress: p }), onStarted: (runId) => post({ type: 'started', runId }) });
    post({ type: 'done', summary });
  } finally {
    await kedang.connection.close();
  }
} catch (err) {
  post({ type: 'failed', error: err instanceof DomainError ? { code: err.code, messageKey: err.messageKey, issues: err.issues, params: err.params } : { message: err instanceof Error ? err.message : String(err) } });
}
