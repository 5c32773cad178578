import { notFound, parseOrThrow } from '../../domain/errors.ts';
import { pageQuerySchema } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { ImportBatch } from '../ports.ts';

/** What clients see of a batch: not where the server keeps the file. */
export type ImportBatchView = Omit<ImportBatch, 'filePath' | 'runner'>;
const view = ({ filePath: _p, runner: _r, ...b }: ImportBatch): ImportBatchView => b;

export async function listImports(deps: Deps, actor: Actor, query: unknown) {
  deps.access.assertCan(actor, 'customer.import');
  const page = parseOrThrow(pageQuerySchema, query);
  const r = await deps.db.imports.listBatches(page);
  return { ...r, items: r.items.map(view) };
}

export async function getImport(deps: Deps, actor: Actor, batchId: number): Promise<ImportBatchView> {
  deps.access.assertCan(actor, 'customer.import');
  const b = await deps.db.imports.findBatch(batchId);
  if (!b) throw notFound('import batch', batchId);
  return view(b);
}
