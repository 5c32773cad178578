import { describe, expect, it } from 'vitest';
import type { AuditChainLink, AuditStore } from '../ports.ts';
import { checkAuditChain } from './verify-audit-chain.ts';

const genesis = 'genesis';

/** A chain of n intact links (ids 10, 20, …) to damage by hand; the store only pages through it. */
function chain(n: number): AuditChainLink[] {
  const links: AuditChainLink[] = [];
  for (let i = 1; i <= n; i++) links.push({ id: i * 10, at: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, action: `a.${i}`, prevHash: links.at(-1)?.hash ?? genesis, hash: `h${i}`, hashMatches: true });
  return links;
}

function storeOf(links: AuditChainLink[]): AuditStore {
  return {
    genesisHash: genesis,
    head: async () => links.at(-1),
    chainLinks: async (afterId: number, upToId: number, limit: number) => links.filter((l) => l.id > afterId && l.id <= upToId).slice(0, limit),
  } as unknown as AuditStore;
}

const at = (links: AuditChainLink[], id: number) => links.find((l) => l.id === id) as AuditChainLink;

describe('checkAuditChain', () => {
  it('reports an empty chain and an intact one with the last hash', async () => {
    expect(await checkAuditChain(storeOf([]))).toEqual({ intact: true, entries: 0, lastId: null, lastHash: genesis });
    expect(await checkAuditChain(storeOf(chain(3)))).toEqual({ intact: true, entries: 3, lastId: 30, lastHash: 'h3' });
  });

  it('tells an altered entry (its successor still links to it) from a forged one (the chain skips it)', async () => {
    const altered = chain(5);
    at(altered, 30).hashMatches = false;
    expect(await checkAuditChain(storeOf(altered))).toEqual({ intact: false, entries: 2, problem: { kind: 'altered', entryId: 30, at: at(altered, 30).at, action: 'a.3', previousId: 20 } });

    const forged = chain(5);
    forged.splice(2, 0, { id: 25, at: 'x', action: 'forged', prevHash: 'h2', hash: 'made-up', hashMatches: false });
    expect(await checkAuditChain(storeOf(forged))).toMatchObject({ entries: 2, problem: { kind: 'inserted', entryId: 25, previousId: 20 } });
  });

  it('names the entry after a gap as deleted, and a second genuine successor of one entry as the start of inserted entries', async () => {
    const gap = chain(6).filter((l) => l.id !== 40 && l.id !== 50);
    expect(await checkAuditChain(storeOf(gap))).toMatchObject({ entries: 3, problem: { kind: 'deleted', entryId: 60, previousId: 30 } });

    // 40 and 50 are genuine but 60 was hashed after 30: 40 and 50 are not part of 60's chain
    const fork = chain(6);
    at(fork, 60).prevHash = 'h3';
    expect(await checkAuditChain(storeOf(fork))).toMatchObject({ entries: 3, problem: { kind: 'inserted', entryId: 40, previousId: 30 } });
  });

  it('looks ahead across batches, so the last entry of a batch is judged by the first of the next', async () => {
    const links = chain(12_000);
    at(links, 50_000).hashMatches = false;
    expect(await checkAuditChain(storeOf(links))).toMatchObject({ entries: 4_999, problem: { kind: 'altered', entryId: 50_000, previousId: 49_990 } });
    const progress: number[] = [];
    await checkAuditChain(storeOf(chain(12_000)), (n) => progress.push(n));
    expect(progress).toEqual([5_000, 10_000, 12_000]);
  });

  it('calls an unlinked, unmatched last entry inserted and a linked one altered', async () => {
    const appended = chain(3);
    appended.push({ id: 99, at: 'x', action: 'forged', prevHash: 'nonsense', hash: 'nonsense', hashMatches: false });
    expect(await checkAuditChain(storeOf(appended))).toMatchObject({ problem: { kind: 'inserted', entryId: 99, previousId: 30 } });
    const lastAltered = chain(3);
    at(lastAltered, 30).hashMatches = false;
    expect(await checkAuditChain(storeOf(lastAltered))).toMatchObject({ problem: { kind: 'altered', entryId: 30, previousId: 20 } });
  });
});
