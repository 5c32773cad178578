import { z } from 'zod';

/*
 * Validators for customer fields that follow Chinese national standards.
 * Pure functions: no I/O, no messages. Problems are reported as zod `custom`
 * issues whose params.code is our issue code (see fromZodIssues in errors.ts).
 *
 * The schemas are z.string().trim() chains that normalize with .overwrite()
 * and check with .refine()/.superRefine(), so they stay ZodString (JSON-Schema
 * friendly, and callers can still add .min()/.optional()).
 */

// ---------------------------------------------------------------------------
// Shared helpers

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their half-width forms. */
export function toHalfWidth(raw: string): string {
  return raw.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => {
    const c = ch.charCodeAt(0);
    return c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0);
  });
}

const clampIndex = (rng: () => number, length: number) => Math.min(length - 1, Math.max(0, Math.floor(rng() * length)));
const pick = <T>(rng: () => number, items: readonly T[]): T => items[clampIndex(rng, items.length)] as T;
const digits = (rng: () => number, n: number) => {
  let out = '';
  for (let i = 0; i < n; i++) out += String(clampIndex(rng, 10));
  return out;
};

/** Today as YYYY-MM-DD in China Standard Time (UTC+8, no DST). */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  dt.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

// ---------------------------------------------------------------------------
// Mobile numbers (mainland China)

const MOBILE_RE = /^1[3-9]\d{9}$/;

/**
 * Normalizes a mainland China mobile number to its 11 digits.
 * Accepts +86 / 0086 / 86 prefixes, spaces, hyphens, dashes, parentheses and full-width characters.
 * Returns undefined when the result is not 11 digits starting with 1 and a second digit 3–9.
 */
export function normalizeMobile(raw: string): string | undefined {
  let s = toHalfWidth(raw).replace(/[\s\-\u2010-\u2015()]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return MOBILE_RE.test(s) ? s : undefined;
}

export const isValidMobile = (raw: string): boolean => normalizeMobile(raw) !== undefined;

// ---------------------------------------------------------------------------
// E-mail

export const EMAIL_MAX = 254;
const EMAIL_RE = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** Trims, turns full-width ASCII (common with Chinese IMEs, e.g. ＠) half-width, lower-cases the domain only. */
export function normalizeEmail(raw: string): string {
  const s = toHalfWidth(raw).trim();
  const at = s.lastIndexOf('@');
  if (at < 0) return s;
  return s.slice(0, at) + '@' + s.slice(at + 1).toLowerCase();
}

export function isValidEmail(raw: string): boolean {
  const s = normalizeEmail(raw);
  const at = s.lastIndexOf('@');
  return s.length <= EMAIL_MAX && at > 0 && at <= 64 && EMAIL_RE.test(s);
}

// ---------------------------------------------------------------------------
// Unified social credit code (统一社会信用代码, GB 32100-2015)

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/**
 * 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商(市场监管),
 * A 中央军委改革和编制办公室, N 农业, Y 其他.
 */
export const USCC_REGISTRATION_AUTHORITIES = '123456789ANY';
const USCC_RE = /^[1-9ANY][0-9A-HJ-NP-RTUW-Y]\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/** The 18th (check) character for the first 17 characters, or undefined if they are not 17 charset characters. */
export function usccCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) return undefined;
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET.charAt(c === 31 ? 0 : c);
}

/** Upper-case, half-width, without whitespace (also inside, as pasted from PDFs). */
export function normalizeUscc(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

/** The issue code for a USCC, or undefined if valid. */
export function usccProblem(raw: string): 'bad_uscc_format' | 'bad_uscc_checksum' | undefined {
  const s = normalizeUscc(raw);
  if (!USCC_RE.test(s)) return 'bad_uscc_format';
  return usccCheckChar(s.slice(0, 17)) === s.charAt(17) ? undefined : 'bad_uscc_checksum';
}

export const isValidUscc = (raw: string): boolean => usccProblem(raw) === undefined;

/** GB 11714 organization code check character for an 8-character body (digits and capital letters). */
export function orgCodeCheckChar(body8: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(body8)) return undefined;
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charCodeAt(i);
    const v = ch <= 57 ? ch - 48 : ch - 55; // '0'–'9' → 0–9, 'A'–'Z' → 10–35
    sum += v * (weights[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

// ---------------------------------------------------------------------------
// Resident identity card (GB 11643-1999, 18 digits)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_MAP = '10X98765432';
const ID_RE = /^[1-9]\d{16}[\dX]$/;

/** The 18th check character ('0'–'9' or 'X'), or undefined if not given 17 digits. */
export function idCardCheckDigit(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_MAP.charAt(sum % 11);
}

export type IdCardError = 'bad_id_card_format' | 'bad_id_card_checksum' | 'bad_id_card_birth_date';
export type ParsedIdCard = { normalized: string; birthDate: string; gender: 'male' | 'female' };

export function normalizeIdCard(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

/**
 * Parses an 18-digit resident ID number. Accepts lower-case x, full-width characters and spaces.
 * The birth date must exist, be on or after 1900-01-01 and not after today (China time; `now` for tests).
 * Checks run format → birth date → check digit, so an impossible date is reported as such.
 */
export function parseIdCard(raw: string, now: Date = new Date()): ParsedIdCard | { error: IdCardError } {
  const s = normalizeIdCard(raw);
  if (!ID_RE.test(s)) return { error: 'bad_id_card_format' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isRealDate(y, m, d) || birthDate < '1900-01-01' || birthDate > chinaToday(now)) {
    return { error: 'bad_id_card_birth_date' };
  }
  if (idCardCheckDigit(s.slice(0, 17)) !== s.charAt(17)) return { error: 'bad_id_card_checksum' };
  return { normalized: s, birthDate, gender: Number(s.charAt(16)) % 2 === 1 ? 'male' : 'female' };
}

export const isValidIdCard = (raw: string, now: Date = new Date()): boolean => !('error' in parseIdCard(raw, now));

// ---------------------------------------------------------------------------
// Website URL

export const URL_MAX = 2048;
const SCHEME_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Prefixes https:// to a bare domain; returns the URL to store, or undefined if not an http(s) website. */
export function normalizeUrl(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '' || /\s/.test(s)) return undefined;
  const candidate = SCHEME_RE.test(s) ? s : `https://${s}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  const host = url.hostname; // lower-case, IDNs in punycode
  const isIPv4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  const isIPv6 = host.startsWith('[');
  const tld = host.split('.').slice(1).pop();
  const hasDomain = tld !== undefined && /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld);
  if (!isIPv4 && !isIPv6 && !hasDomain) return undefined;
  return candidate;
}

// ---------------------------------------------------------------------------
// Zod schemas

/** Mainland mobile; output is the 11-digit form. Code: bad_mobile. */
export const chineseMobileSchema = z
  .string()
  .trim()
  .overwrite((s) => normalizeMobile(s) ?? s)
  .refine((s) => MOBILE_RE.test(s), { params: { code: 'bad_mobile' } });

/** E-mail, domain lower-cased. Codes: too_long ({ limit: 254 }), bad_email. */
export const emailSchema = z
  .string()
  .trim()
  .overwrite(normalizeEmail)
  .superRefine((s, ctx) => {
    if (s.length > EMAIL_MAX) ctx.addIssue({ code: 'custom', params: { code: 'too_long', limit: EMAIL_MAX }, input: s });
    else if (!isValidEmail(s)) ctx.addIssue({ code: 'custom', params: { code: 'bad_email' }, input: s });
  });

/** Unified social credit code, upper-case. Codes: bad_uscc_format, bad_uscc_checksum. */
export const usccSchema = z
  .string()
  .trim()
  .overwrite(normalizeUscc)
  .superRefine((s, ctx) => {
    const problem = usccProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', params: { code: problem }, input: s });
  });

/** Resident ID number, upper-case X. Codes: bad_id_card_format, bad_id_card_checksum, bad_id_card_birth_date. */
export const idCardSchema = z
  .string()
  .trim()
  .overwrite(normalizeIdCard)
  .superRefine((s, ctx) => {
    const parsed = parseIdCard(s);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', params: { code: parsed.error }, input: s });
  });

/** Website, http(s) only; a bare domain gets https://. Codes: too_long ({ limit: 2048 }), bad_url. */
export const urlSchema = z
  .string()
  .trim()
  .overwrite((s) => normalizeUrl(s) ?? s)
  .superRefine((s, ctx) => {
    if (codePointLength(s) > URL_MAX) ctx.addIssue({ code: 'custom', params: { code: 'too_long', limit: URL_MAX }, input: s });
    else if (normalizeUrl(s) !== s) ctx.addIssue({ code: 'custom', params: { code: 'bad_url' }, input: s });
  });

/** True if the text has a C0 control character other than tab and newline, DEL, or a C1 control (U+0080–U+009F). */
export function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** True if the text has half of a UTF-16 surrogate pair; databases would store U+FFFD or refuse the JSON. */
export function hasLoneSurrogates(s: string): boolean {
  // a loop, not a regular expression with look-behind: this runs on every text cell of an import
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return true; // a low half without a high half before it
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
}

/** Length in code points (an emoji is one), without building an array of them. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Free text: trimmed, CRLF/CR turned into LF, no other control characters (code control_characters),
 * no lone surrogates (code bad_unicode),
 * at most `max` code points so an emoji counts as one (code too_long, params { limit: max }).
 */
export function plainTextSchema(max: number) {
  return z
    .string()
    .trim()
    .overwrite((s) => s.replace(/\r\n?/g, '\n'))
    .refine((s) => !hasControlCharacters(s), { params: { code: 'control_characters' } })
    .refine((s) => !hasLoneSurrogates(s), { params: { code: 'bad_unicode' } })
    .refine((s) => codePointLength(s) <= max, { params: { code: 'too_long', limit: max } });
}

// ---------------------------------------------------------------------------
// Sample data for the synthetic data generator (rng returns floats in [0, 1))

/** Real prefecture-level region codes (GB/T 2260) used as registration authorities. */
const SAMPLE_CITY_CODES = [
  '110000', '120000', '310000', '500000', '330100', '330200', '320100', '320500', '440100', '440300',
  '350100', '350200', '370100', '370200', '420100', '430100', '510100', '610100', '210100', '230100',
] as const;

/** Real county-level region codes (GB/T 2260) for ID numbers. */
const SAMPLE_COUNTY_CODES = [
  '110101', '110105', '110108', '310104', '310115', '440106', '440305', '330106', '320102', '350102',
  '420106', '430104', '510107', '610113', '370102', '120101', '500103', '210102', '230102', '320506',
] as const;

/** [registration authority + category, weight] — mostly enterprises. */
const SAMPLE_USCC_KINDS = [
  ['91', 70], ['92', 10], ['93', 3], ['12', 6], ['11', 3], ['51', 3], ['52', 3], ['53', 1], ['Y1', 1],
] as const;

const SAMPLE_MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152',
  '153', '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181',
  '182', '183', '184', '185', '186', '187', '188', '189', '191', '195', '198', '199',
] as const;

/** A valid USCC with a plausible kind, a real city code and a GB 11714-valid organization code. */
export function makeUscc(rng: () => number): string {
  const total = SAMPLE_USCC_KINDS.reduce((n, [, w]) => n + w, 0);
  let r = rng() * total;
  let kind: string = SAMPLE_USCC_KINDS[0][0];
  for (const [k, w] of SAMPLE_USCC_KINDS) {
    if (r < w) {
      kind = k;
      break;
    }
    r -= w;
  }
  // Codes issued since 2015 mostly start with "MA"; older ones reuse the numeric organization code.
  let body: string;
  if (rng() < 0.5) {
    body = 'MA';
    for (let i = 0; i < 6; i++) body += pick(rng, [...USCC_CHARSET]);
  } else {
    body = String(1 + clampIndex(rng, 9)) + digits(rng, 7);
  }
  const orgCode = body + (orgCodeCheckChar(body) ?? '0');
  const first17 = kind + pick(rng, SAMPLE_CITY_CODES) + orgCode;
  return first17 + (usccCheckChar(first17) ?? '0');
}

/**
 * A valid 18-digit ID number for the birth date (YYYY-MM-DD) and gender; the 17th digit is odd for men.
 * regionCode defaults to a random real county code. Throws RangeError on malformed arguments.
 */
export function makeIdCard(rng: () => number, birthDate: string, gender: 'male' | 'female', regionCode?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`makeIdCard: birthDate ${birthDate}`);
  const region = regionCode ?? pick(rng, SAMPLE_COUNTY_CODES);
  if (!/^[1-9]\d{5}$/.test(region)) throw new RangeError(`makeIdCard: regionCode ${region}`);
  let seq = digits(rng, 2);
  const genderDigit = gender === 'male' ? 1 + 2 * clampIndex(rng, 5) : 2 * clampIndex(rng, 5);
  if (seq === '00' && genderDigit === 0) seq = '01';
  const first17 = `${region}${m[1]}${m[2]}${m[3]}${seq}${genderDigit}`;
  return first17 + (idCardCheckDigit(first17) ?? '0');
}

/** A valid 11-digit mobile number with a real carrier prefix. */
export function makeMobile(rng: () => number): string {
  return pick(rng, SAMPLE_MOBILE_PREFIXES) + digits(rng, 8);
}
