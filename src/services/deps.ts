import type { Access } from './access.ts';
import type { UnitOfWork } from './ports.ts';

export type PasswordHasher = { hash(password: string): Promise<string>; verify(hash: string, password: string): Promise<boolean> };

/** Everything a use case may touch, passed explicitly so tests can swap any part. */
export type Deps = {
  db: UnitOfWork;
  access: Access;
  passwords: PasswordHasher;
  clock: () => Date;
};

export const nowIso = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
