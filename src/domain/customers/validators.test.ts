import { describe, expect, it } from 'vitest';
import { fromZodIssues } from '../errors.ts';
import {
  codePointLength,
  hasLoneSurrogates,
  chineseMobileSchema,
  emailSchema,
  hasControlCharacters,
  idCardCheckDigit,
  idCardSchema,
  isValidEmail,
  isValidIdCard,
  isValidUscc,
  makeIdCard,
  makeMobile,
  makeUscc,
  normalizeEmail,
  normalizeMobile,
  normalizeUscc,
  orgCodeCheckChar,
  parseIdCard,
  plainTextSchema,
  urlSchema,
  usccCheckChar,
  usccSchema,
} from './validators.ts';
import { industryCodes, industrySections } from './industries.ts';
import type { z } from 'zod';

/** Issue codes a schema reports for an input ([] when it parses). */
function codes(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : fromZodIssues(r.error.issues).map((i) => i.code);
}

/** Deterministic rng (mulberry32) for the sample-data helpers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('usccCheckChar / isValidUscc (GB 32100-2015)', () => {
  it('matches a hand-worked example', () => {
    // 91350100M000100Y4 — values in charset 0123456789ABCDEFGHJKLMNPQRTUWXY (M=21, Y=30):
    //   9×1 + 1×3 + 3×9 + 5×27 + 0×19 + 1×26 + 0×16 + 0×17 + 21×20 + 0×29 + 0×25 + 0×13
    //   + 1×8 + 0×24 + 0×10 + 30×30 + 4×28 = 9+3+27+135+26+420+8+900+112 = 1640
    //   1640 mod 31 = 28 (31×52 = 1612); 31 − 28 = 3 → '3'
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('accepts real-world codes', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '91440300708461136T']) {
      expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
      expect(isValidUscc(code)).toBe(true);
    }
  });

  it('maps a remainder of 0 to check char 0', () => {
    // find a body whose weighted sum is a multiple of 31 by varying the last character
    const found = [...'0123456789ABCDEFGHJKLMNPQRTUWXY']
      .map((c) => `9111000060003734${c}`)
      .find((b) => usccCheckChar(b) === '0');
    expect(found).toBeDefined();
  });

  it('rejects a wrong check character', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91110000600037341K')).toBe(false);
    expect(codes(usccSchema, '91350100M000100Y44')).toEqual(['bad_uscc_checksum']);
  });

  it('rejects bad formats', () => {
    expect(codes(usccSchema, '91350100M000100Y4')).toEqual(['bad_uscc_format']); // 17 chars
    expect(codes(usccSchema, '91350100M000100Y433')).toEqual(['bad_uscc_format']); // 19 chars
    expect(codes(usccSchema, 'B1350100M000100Y43')).toEqual(['bad_uscc_format']); // B: no registration authority
    expect(codes(usccSchema, '913501A0M000100Y43')).toEqual(['bad_uscc_format']); // region code not digits
    expect(codes(usccSchema, '91350100M000100I43')).toEqual(['bad_uscc_format']); // I is not in the charset
    expect(codes(usccSchema, '')).toEqual(['bad_uscc_format']);
    expect(usccCheckChar('91350100M000100Y')).toBeUndefined();
    expect(usccCheckChar('91350100M000100O4')).toBeUndefined();
  });

  it('accepts lower-case, full-width and padded input and normalizes it', () => {
    expect(isValidUscc('91350100m000100y43')).toBe(true);
    expect(usccSchema.parse('  91110000600037341l ')).toBe('91110000600037341L');
    const fullWidth = toFullWidth('91350100M000100Y43');
    expect(fullWidth).toBe('９１３５０１００Ｍ０００１００Ｙ４３');
    expect(normalizeUscc(fullWidth)).toBe('91350100M000100Y43');
    expect(usccSchema.parse(fullWidth)).toBe('91350100M000100Y43');
    expect(usccSchema.parse('９１３５０１００ｍ０００１００ｙ４３')).toBe('91350100M000100Y43');
  });
});

describe('idCardCheckDigit / parseIdCard (GB 11643-1999)', () => {
  const now = new Date('2024-06-15T00:00:00Z');

  it('matches a hand-worked example with an X check digit', () => {
    // 11010519491231002 with weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2:
    //   7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → '10X98765432'[2] = 'X'
    expect(idCardCheckDigit('11010519491231002')).toBe('X');
    expect(parseIdCard('11010519491231002X', now)).toEqual({ normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
  });

  it('accepts lower-case x, spaces and full-width digits', () => {
    expect(parseIdCard('11010519491231002x', now)).toMatchObject({ normalized: '11010519491231002X' });
    expect(parseIdCard(' 110105 19491231 002x ', now)).toMatchObject({ normalized: '11010519491231002X' });
    expect(parseIdCard(toFullWidth('11010519491231002x'), now)).toMatchObject({ normalized: '11010519491231002X' });
    expect(idCardSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  it('derives gender from the 17th digit', () => {
    const male = '11010119900307001';
    const id = male + idCardCheckDigit(male);
    expect(parseIdCard(id, now)).toEqual({ normalized: id, birthDate: '1990-03-07', gender: 'male' });
  });

  it('rejects a wrong check digit', () => {
    expect(parseIdCard('110105194912310021', now)).toEqual({ error: 'bad_id_card_checksum' });
    expect(codes(idCardSchema, '110105194912310021')).toEqual(['bad_id_card_checksum']);
  });

  it('rejects bad formats', () => {
    for (const bad of ['11010519491231002', '11010519491231002XX', '1101051949123100X2', '01010519491231002X', 'abc', '']) {
      expect(parseIdCard(bad, now)).toEqual({ error: 'bad_id_card_format' });
    }
    expect(codes(idCardSchema, '11010519491231002')).toEqual(['bad_id_card_format']);
    expect(idCardCheckDigit('1101051949123100')).toBeUndefined();
  });

  it('accepts Feb 29 in a leap year and rejects it otherwise', () => {
    const leap = '11010120000229003'; // 2000 is a leap year (divisible by 400)
    expect(parseIdCard(leap + idCardCheckDigit(leap), now)).toMatchObject({ birthDate: '2000-02-29', gender: 'male' });
    const leap2 = '44030519880229004';
    expect(parseIdCard(leap2 + idCardCheckDigit(leap2), now)).toMatchObject({ birthDate: '1988-02-29', gender: 'female' });
    for (const body of ['11010120230229003', '11010119000229003', '11010119990229003']) {
      // 1900 is not a leap year (divisible by 100, not by 400); the check digit is right, the date is not
      expect(parseIdCard(body + idCardCheckDigit(body), now)).toEqual({ error: 'bad_id_card_birth_date' });
    }
  });

  it('rejects impossible dates, dates before 1900 and future dates', () => {
    for (const body of ['11010119901301001', '11010119900431001', '11010119900000001', '11010118991231001', '11010120240616001']) {
      expect(parseIdCard(body + idCardCheckDigit(body), now)).toEqual({ error: 'bad_id_card_birth_date' });
    }
    const today = '11010120240615001';
    expect(parseIdCard(today + idCardCheckDigit(today), now)).toMatchObject({ birthDate: '2024-06-15' });
    const first = '11010119000101001';
    expect(parseIdCard(first + idCardCheckDigit(first), now)).toMatchObject({ birthDate: '1900-01-01' });
    // the schema uses the real clock: a birth date in 2999 is always in the future
    const future = '11010129990101001';
    expect(codes(idCardSchema, future + idCardCheckDigit(future))).toEqual(['bad_id_card_birth_date']);
    expect(isValidIdCard(future + idCardCheckDigit(future))).toBe(false);
  });

  it('uses China time for "today"', () => {
    // 2024-06-14T16:30Z is already 2024-06-15 00:30 in Beijing
    const body = '11010120240615001';
    const id = body + idCardCheckDigit(body);
    expect(isValidIdCard(id, new Date('2024-06-14T16:30:00Z'))).toBe(true);
    expect(isValidIdCard(id, new Date('2024-06-14T15:30:00Z'))).toBe(false);
  });
});

describe('normalizeMobile / chineseMobileSchema', () => {
  it('normalizes common ways of writing a mobile number', () => {
    for (const raw of [
      '13812345678',
      '+86 138 1234 5678',
      '+86-138-1234-5678',
      '+8613812345678',
      '008613812345678',
      '0086 138 1234 5678',
      '8613812345678',
      '138-1234-5678',
      '(+86) 138 1234 5678',
      '１３８１２３４５６７８',
      '＋８６　１３８　１２３４　５６７８',
      '138\u00a01234\u00a05678',
    ]) {
      expect(normalizeMobile(raw), raw).toBe('13812345678');
    }
    expect(chineseMobileSchema.parse(' +86 199-0000-1111 ')).toBe('19900001111');
  });

  it('rejects numbers that are not mainland mobiles', () => {
    for (const raw of [
      '138123456789', // 12 digits
      '1381234567', // 10 digits
      '12812345678', // second digit 2
      '11812345678', // second digit 1
      '23812345678',
      '+85261234567', // Hong Kong
      '+1 415 555 0100',
      '86 1381234567', // 86 + 10 digits
      '010-12345678', // landline
      'abc',
      '',
    ]) {
      expect(normalizeMobile(raw), raw).toBeUndefined();
    }
    expect(codes(chineseMobileSchema, '128 1234 5678')).toEqual(['bad_mobile']);
    expect(chineseMobileSchema.safeParse(13812345678).error?.issues.map((i) => i.code)).toEqual(['invalid_type']);
  });
});

describe('email', () => {
  it('accepts and normalizes addresses', () => {
    expect(isValidEmail('zhang.san@example.com')).toBe(true);
    expect(isValidEmail('12345678@qq.com')).toBe(true);
    expect(isValidEmail('li_si+crm@mail.example.com.cn')).toBe(true);
    expect(normalizeEmail('  Zhang.San@Example.COM ')).toBe('Zhang.San@example.com');
    expect(emailSchema.parse(' Wang.Wu@163.COM ')).toBe('Wang.Wu@163.com');
    expect(emailSchema.parse('wangwu＠163.com')).toBe('wangwu@163.com'); // full-width @ from an IME
  });

  it('rejects malformed addresses', () => {
    for (const bad of ['', 'plain', '@example.com', 'a@', 'a@b', 'a@@b.com', 'a b@c.com', '.a@b.com', 'a..b@c.com', 'a.@b.com', 'a@-b.com', 'a@b.c', '张三@例子.中国']) {
      expect(isValidEmail(bad), bad).toBe(false);
      expect(codes(emailSchema, bad), bad).toEqual(['bad_email']);
    }
  });

  it('limits the length to 254', () => {
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.com`; // 195 chars
    const ok = `${'x'.repeat(254 - domain.length - 1)}@${domain}`;
    expect(ok.length).toBe(254);
    expect(codes(emailSchema, ok)).toEqual([]);
    expect(fromZodIssues(emailSchema.safeParse(`y${ok}`).error?.issues ?? [])).toMatchObject([{ code: 'too_long', params: { limit: 254 } }]);
  });
});

describe('urlSchema', () => {
  it('accepts http(s) websites and prefixes bare domains', () => {
    expect(urlSchema.parse('https://www.example.com')).toBe('https://www.example.com');
    expect(urlSchema.parse('http://example.com.cn/about?x=1#top')).toBe('http://example.com.cn/about?x=1#top');
    expect(urlSchema.parse(' www.example.com ')).toBe('https://www.example.com');
    expect(urlSchema.parse('example.cn/path')).toBe('https://example.cn/path');
    expect(urlSchema.parse('www.example.com:8080')).toBe('https://www.example.com:8080');
    expect(urlSchema.parse('中文.中国')).toBe('https://中文.中国');
    expect(urlSchema.parse('HTTPS://WWW.EXAMPLE.COM')).toBe('HTTPS://WWW.EXAMPLE.COM');
  });

  it('rejects other schemes and junk', () => {
    for (const bad of ['ftp://example.com', 'javascript:alert(1)', 'mailto:a@b.com', 'file:///etc/passwd', 'localhost', 'example', 'https://', 'http://exa mple.com', 'https://user:pw@example.com', '']) {
      expect(codes(urlSchema, bad), bad).toEqual(['bad_url']);
    }
  });
});

describe('plainTextSchema', () => {
  const schema = plainTextSchema(5);

  it('trims and keeps tab and newline', () => {
    expect(schema.parse('  a\tb\nc ')).toBe('a\tb\nc');
    expect(schema.parse('a\r\nb')).toBe('a\nb');
  });

  it('rejects NUL and other control characters', () => {
    for (const bad of ['a\u0000b', 'a\u0007', 'x\u001by', 'a\u000bb', 'del\u007f']) {
      expect(hasControlCharacters(bad)).toBe(true);
      expect(codes(plainTextSchema(100), bad)).toEqual(['control_characters']);
    }
    expect(hasControlCharacters('正常文本\t\n')).toBe(false);
  });

  it('counts code points, so an emoji is one character', () => {
    expect('😀😀😀😀😀'.length).toBe(10);
    expect(schema.parse('😀😀😀😀😀')).toBe('😀😀😀😀😀');
    expect(schema.parse('客户档案😀')).toBe('客户档案😀');
    const r = schema.safeParse('😀😀😀😀😀😀');
    expect(fromZodIssues(r.error?.issues ?? [])).toMatchObject([{ code: 'too_long', params: { limit: 5 } }]);
    expect(codes(schema, '  12345  ')).toEqual([]); // trimmed before counting
  });
});

describe('sample data helpers', () => {
  it('makeUscc produces valid, varied codes', () => {
    const rng = seeded(42);
    const made = Array.from({ length: 500 }, () => makeUscc(rng));
    for (const code of made) {
      expect(isValidUscc(code), code).toBe(true);
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
    }
    expect(new Set(made).size).toBe(made.length);
  });

  it('makeUscc survives an rng returning the extremes', () => {
    expect(isValidUscc(makeUscc(() => 0))).toBe(true);
    expect(isValidUscc(makeUscc(() => 0.999999999))).toBe(true);
  });

  it('makeIdCard produces valid numbers with the given birth date and gender', () => {
    const rng = seeded(7);
    for (let i = 0; i < 300; i++) {
      const gender = i % 2 === 0 ? 'male' : 'female';
      const birthDate = `19${String(50 + (i % 50))}-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = makeIdCard(rng, birthDate, gender);
      expect(parseIdCard(id)).toMatchObject({ birthDate, gender, normalized: id });
    }
    expect(makeIdCard(rng, '2000-02-29', 'female', '440305').startsWith('44030520000229')).toBe(true);
    expect(() => makeIdCard(rng, '2001-02-29', 'male')).toThrow(RangeError);
    expect(() => makeIdCard(rng, '1990-01-01', 'male', '12345')).toThrow(RangeError);
  });

  it('makeIdCard can produce an X check digit', () => {
    const rng = seeded(1);
    const ids = Array.from({ length: 200 }, () => makeIdCard(rng, '1985-05-20', 'male'));
    expect(ids.some((id) => id.endsWith('X'))).toBe(true);
  });

  it('makeMobile produces valid numbers', () => {
    const rng = seeded(3);
    for (let i = 0; i < 300; i++) {
      const m = makeMobile(rng);
      expect(normalizeMobile(m)).toBe(m);
    }
  });
});

describe('industries (GB/T 4754-2017)', () => {
  it('has the 20 sections A–T', () => {
    expect(industrySections).toHaveLength(20);
    expect(industryCodes.join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(industrySections.find((s) => s.code === 'I')?.zh).toBe('信息传输、软件和信息技术服务业');
  });
});

describe('text scans', () => {
  it('find lone surrogates and count code points as the regular expression and the spread did', () => {
    const units = ['a', '中', '\uD83D', '\uDE00', '\uD83D\uDE00', '\n', '\uDBFF', '\uDC00', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      let s = '';
      for (let i = Math.floor(next() * 8); i > 0; i--) s += units[Math.floor(next() * units.length)];
      expect(hasLoneSurrogates(s), JSON.stringify(s)).toBe(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s));
      expect(codePointLength(s), JSON.stringify(s)).toBe([...s].length);
    }
  });
});
