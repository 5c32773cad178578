import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, openSqlite } from './connect.ts';

describe('SQLite durability', () => {
  it('runs WAL with synchronous=FULL and foreign keys on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-dur-'));
    const raw = openSqlite(path.join(dir, 'k.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('synchronous', { simple: true })).toBe(2); // FULL: fsync at every commit
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    raw.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('keeps every acknowledged write when the process is killed with SIGKILL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-dur-'));
    const file = path.join(dir, 'k.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/fixtures/write-then-die.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: number[] = [];
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        for (const m of d.toString().matchAll(/committed (\d+)/g)) acknowledged.push(Number(m[1]));
        if (acknowledged.length >= 20) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    const c = connect({ sqlitePath: file });
    const ids = (await c.db.selectFrom('customers').select('id').execute()).map((r) => r.id);
    for (const id of acknowledged) expect(ids).toContain(id);
    const audits = await c.db.selectFrom('auditEntries').select('customerId').where('action', '=', 'customer.created').execute();
    expect(audits.length).toBe(ids.length); // every committed customer has its audit entry, never one without the other
    await c.close();
    fs.rmSync(dir, { recursive: true });
  });
});
