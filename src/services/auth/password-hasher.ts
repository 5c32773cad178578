import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../deps.ts';

// argon2id with OWASP's second recommended profile (19 MiB, t=2); @node-rs/argon2 defaults to argon2id
export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: async (h, password) => {
    try {
      return await verify(h, password);
    } catch {
      return false;
    }
  },
};
