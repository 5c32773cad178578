import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: HMAC-SHA1, 30-second steps, 6 digits. */
const period = 30;
const issuer = 'Kedang 客档';

const totpOf = (secretBase32: string, label = 'kedang') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secretBase32) });

/** A fresh 160-bit secret (base32, as apps expect it) and the otpauth:// URI for a QR code. */
export function newTotpSecret(username: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpOf(secret, username).toString() };
}

export const otpauthUri = (secretBase32: string, username: string) => totpOf(secretBase32, username).toString();

/** Six digits, spaces allowed ("123 456"); anything else is not a code. */
export function normalizeTotpCode(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 20) return undefined;
  const code = input.replace(/\s/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}

/**
 * The time step a code belongs to, allowing one step of clock drift either way, or undefined.
 * Callers refuse a step at or before the last one accepted, so a code works once.
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | undefined {
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / period) + delta;
}

/** The code for a moment (tests and the CLI's self-check). */
export const totpCodeAt = (secretBase32: string, at: Date) => totpOf(secretBase32).generate({ timestamp: at.getTime() });
