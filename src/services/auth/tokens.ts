import { createHash, randomBytes } from 'node:crypto';

/** Secrets are random and only their SHA-256 is stored; a leaked table does not sign anyone in. */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
