import type { Access } from './access.ts';
import type { ClassificationEngine, UnitOfWork } from './ports.ts';

export type PasswordHasher = { hash(password: string): Promise<string>; verify(hash: string, password: string): Promise<boolean> };

/** Seals small secrets (TOTP keys) with the current data key (AES-256-GCM); opens anything the key ring still holds. */
export type SecretBox = { seal(plaintext: string): string; open(sealed: string): Promise<string> };

/** Failed sign-ins for names that have no user row to count them in (unknown user names), kept in memory. */
export type FailureThrottle = {
  /** Seconds until `key` may try again; 0 when it may now. */
  lockedFor(key: string, now: Date): number;
  /** Counts a failure; returns the seconds `key` is now locked for (0 for the first few). */
  fail(key: string, now: Date): number;
};

/** Everything a use case may touch, passed explicitly so tests can swap any part. */
export type Deps = {
  db: UnitOfWork;
  access: Access;
  passwords: PasswordHasher;
  clock: () => Date;
  secrets: SecretBox;
  signInThrottle: FailureThrottle;
  /** the heavy side of classification on a connection of its own (runs, validation, publish) */
  classifier: ClassificationEngine;
};

export const nowIso = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
