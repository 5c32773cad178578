import { createHash, randomBytes } from 'node:crypto';

/** Secrets are random and only their SHA-256 is stored; a leaked table does not sign anyone in. */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The CSRF token of a session: derived one-way from its secret, so it needs no storage and cannot be planted. */
export const csrfTokenOf = (sessionToken: string) => createHash('sha256').update(`kedang-csrf\u0000${sessionToken}`).digest('base64url');

