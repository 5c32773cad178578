import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { AuditChainLink, AuditStore } from '../ports.ts';

export const chainProblemKinds = ['altered', 'inserted', 'deleted'] as const;
export type ChainProblemKind = (typeof chainProblemKinds)[number];

/**
 * The first place the chain breaks. `entryId` is the entry named: the altered one, the first one that is
 * not part of the chain, or (deleted) the one right after the gap. `previousId` is the last intact entry.
 */
export type ChainProblem = { kind: ChainProblemKind; entryId: number; at: string; action: string; previousId: number | null };
export type AuditChainReport =
  | { intact: true; entries: number; lastId: number | null; lastHash: string }
  | { intact: false; entries: number; problem: ChainProblem };

const batchSize = 5_000;
/** How far back a link may point and still be recognised as skipping entries (inserted) rather than a gap (deleted). */
const recentLinks = 1_024;

async function* linksOf(store: AuditStore, upToId: number): AsyncGenerator<AuditChainLink> {
  let after = 0;
  for (;;) {
    const batch = await store.chainLinks(after, upToId, batchSize);
    yield* batch;
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return;
    after = last.id;
  }
}

/**
 * Walks the chain in id order, a batch at a time (constant memory), up to the newest entry when it starts.
 * `entries` counts the intact entries before the first problem. Removing entries from the very end leaves
 * a shorter chain that is intact; compare `entries` and `lastHash` with a copy kept elsewhere to catch that.
 */
export async function checkAuditChain(store: AuditStore, onProgress?: (checked: number) => void): Promise<AuditChainReport> {
  const head = await store.head();
  let expected = store.genesisHash;
  let last: AuditChainLink | undefined;
  let entries = 0;
  // hash of a recent intact entry -> the entry that came after it, and where the walk stood before that one
  const followerOf = new Map<string, { follower: AuditChainLink; previousId: number | null; entries: number }>();

  const problem = (kind: ChainProblemKind, x: AuditChainLink, before = { previousId: last?.id ?? null, entries }): AuditChainReport => ({
    intact: false,
    entries: before.entries,
    problem: { kind, entryId: x.id, at: x.at, action: x.action, previousId: before.previousId },
  });

  /** Judges x, looking at its successor y to tell an altered entry from an inserted one. */
  const judge = (x: AuditChainLink, y: AuditChainLink | undefined): AuditChainReport | undefined => {
    const linked = x.prevHash !== null && x.prevHash === expected;
    if (x.hashMatches && linked) {
      followerOf.set(expected, { follower: x, previousId: last?.id ?? null, entries });
      if (followerOf.size > recentLinks) followerOf.delete(followerOf.keys().next().value as string);
      expected = x.hash as string;
      last = x;
      entries++;
      return undefined;
    }
    if (!x.hashMatches) {
      // the next entry links to x's stored hash: x belonged to the chain and its content changed since
      if (y && x.hash !== null && y.prevHash === x.hash) return problem('altered', x);
      // the chain goes on without x: x was put in, its hash forged or missing
      if (y && y.prevHash === expected && y.hashMatches) return problem('inserted', x);
      // in its place in the chain (linked), or followed by more damage (reordered entries): its content changed
      if (linked || y) return problem('altered', x);
      return problem('inserted', x);
    }
    // x is genuine (its hash matches) but does not follow the last intact entry
    // it links to an earlier entry: the ones after that entry are not part of its chain
    const fork = x.prevHash === null ? undefined : followerOf.get(x.prevHash);
    if (fork) return problem('inserted', fork.follower, fork);
    return problem('deleted', x);
  };

  let pending: AuditChainLink | undefined;
  for await (const link of head ? linksOf(store, head.id) : []) {
    if (pending) {
      const found = judge(pending, link);
      if (found) return found;
      if (entries % batchSize === 0) onProgress?.(entries);
    }
    pending = link;
  }
  if (pending) {
    const found = judge(pending, undefined);
    if (found) return found;
  }
  onProgress?.(entries);
  return { intact: true, entries, lastId: last?.id ?? null, lastHash: expected };
}

/** `kedang audit verify` and GET /api/v1/audit/verify: the first altered, inserted or deleted entry, if any. */
export async function verifyAuditChain(deps: Deps, actor: Actor, onProgress?: (checked: number) => void): Promise<AuditChainReport> {
  deps.access.assertCan(actor, 'audit.read');
  return checkAuditChain(deps.db.audit, onProgress);
}
