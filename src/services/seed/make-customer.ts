import type { IndustryCode } from '../../domain/customers/industries.ts';
import { makeIdCard, makeMobile, makeUscc, usccCheckChar } from '../../domain/customers/validators.ts';
import type { CustomerKind } from '../../domain/customers/customer.ts';
import type { BulkContactRow, BulkCustomerRow } from '../ports.ts';
import { DAY_MS, dayString } from './archive-plan.ts';
import { chance, int, logUniform, normal, pick, weighted, type Rng } from './prng.ts';
import { pickPlace, type Place } from './regions.ts';
import {
  BUILDINGS, INDUSTRY_WORDS, PERSONAL_MAIL_DOMAINS, ROLE_MAILBOXES, SHOP_SUFFIXES, STREETS, TRADE_CHARS, WEB_TLDS,
  pickCompanySuffix, pickContactTitle, pickOccupation, pickSourceIndividual, pickSourceOrganization,
} from './vocab.ts';
import { makePersonName, type PersonName } from './zh-names.ts';

/**
 * One synthetic customer's business fields; code, stage, owner, tags and times are filled in by the
 * caller from its history. Rows are built whole and then assigned, never spread: a million spreads of
 * a 36-field object cost more than generating it.
 */
export type MadeCustomer = { row: BulkCustomerRow; contacts: Omit<BulkContactRow, 'customer' | 'createdAt' | 'updatedAt'>[] };

function blankRow(kind: CustomerKind, name: string): BulkCustomerRow {
  return {
    code: '', kind, name, stage: 'potential', ownerId: null, departmentId: null, source: null, tags: [], notes: null, custom: {},
    mobile: null, email: null, province: null, city: null, district: null, address: null,
    gender: null, birthday: null, idCardNo: null, occupation: null,
    shortName: null, uscc: null, legalRepresentative: null, industry: null, employees: null, annualRevenueFen: null, website: null,
    lastVerifiedAt: null, createdBy: null, updatedBy: null, createdAt: '', updatedAt: '',
  };
}

function setPlace(row: BulkCustomerRow, p: Place | undefined) {
  if (!p) return;
  row.province = p.province;
  row.city = p.city;
  row.district = p.district;
}

function personalEmail(r: Rng, n: PersonName, birthYear: string | undefined): string {
  if (chance(r, 0.3)) return `${int(r, 10_000, 3_999_999_999)}@qq.com`;
  const local = pick(r, [
    `${n.givenPinyin}.${n.surnamePinyin}`,
    `${n.surnamePinyin}${n.givenPinyin}`,
    `${n.surnamePinyin}${n.givenPinyin}${birthYear ?? int(r, 1, 999)}`,
    `${n.surnamePinyin}_${n.givenPinyin}${int(r, 1, 99)}`,
  ]);
  return `${local}@${pick(r, PERSONAL_MAIL_DOMAINS)}`;
}

/** Birth date for an age of 18–75 on `today`, most people between 30 and 60. */
function birthDate(r: Rng, today: number): string {
  const now = new Date(today * DAY_MS);
  const at = (years: number) => Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()) / DAY_MS;
  const oldest = at(76) + 1;
  const youngest = at(18);
  const t = (r() + r()) / 2;
  return dayString(Math.floor(oldest + t * (youngest - oldest)));
}

function streetAddress(r: Rng, individual: boolean): string {
  const base = `${pick(r, STREETS)}${int(r, 1, 999)}号`;
  if (individual) return chance(r, 0.6) ? `${base}${int(r, 1, 30)}栋${int(r, 1, 6)}单元${int(r, 1, 33)}0${int(r, 1, 4)}室` : base;
  return chance(r, 0.5) ? `${base}${pick(r, BUILDINGS)}${int(r, 2, 32)}楼` : base;
}

/** Retired people are over 50 and students under 30, when the birthday is known. */
function occupationFor(r: Rng, birthday: string | null, today: number): string {
  const job = pickOccupation(r);
  if (birthday === null) return job;
  const age = new Date(today * DAY_MS).getUTCFullYear() - Number(birthday.slice(0, 4));
  if (job === '退休' && age < 50) return '自由职业';
  if (job === '学生' && age >= 30) return '企业职员';
  return job;
}

export function makeIndividual(r: Rng, today: number): MadeCustomer {
  const gender = chance(r, 0.97) ? (chance(r, 0.5) ? 'male' : 'female') : null;
  const n = makePersonName(r, gender);
  const place = chance(r, 0.92) ? pickPlace(r) : undefined;
  const birthday = chance(r, 0.85) ? birthDate(r, today) : null;
  const idCardNo = birthday && gender && chance(r, 0.45) ? makeIdCard(r, birthday, gender, place?.idRegionCode) : null;
  const row = blankRow('individual', n.name);
  row.source = chance(r, 0.9) ? pickSourceIndividual(r) : null;
  row.mobile = chance(r, 0.92) ? makeMobile(r) : null;
  row.email = chance(r, 0.25) ? personalEmail(r, n, birthday?.slice(0, 4)) : null;
  setPlace(row, place);
  row.address = place && chance(r, 0.6) ? streetAddress(r, true) : null;
  row.gender = gender;
  row.birthday = birthday;
  row.idCardNo = idCardNo;
  row.occupation = chance(r, 0.7) ? occupationFor(r, birthday, today) : null;
  return { row, contacts: [] };
}

const pickIndustry = weighted(INDUSTRY_WORDS.map(([code, w, words]) => [[code, words] as const, w] as const));
const DOMAIN_TAILS = ['', '', 'tech', 'group', 'china', 'gs', 'co'] as const;
const SHOP_INDUSTRIES: ReadonlySet<IndustryCode> = new Set(['F', 'H', 'O', 'C', 'R']);

/** A valid USCC whose authority matches the kind of body and whose region is the customer's city. */
function uscc(r: Rng, kind: string, regionCode: string | undefined): string {
  const base = makeUscc(r);
  const first17 = `${kind}${regionCode ?? base.slice(2, 8)}${base.slice(8, 17)}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

function tradeName(r: Rng): { zh: string; pinyin: string } {
  const [a, pa] = pick(r, TRADE_CHARS);
  let [b, pb] = pick(r, TRADE_CHARS);
  if (b === a) [b, pb] = pick(r, TRADE_CHARS);
  return { zh: a + b, pinyin: pa + pb };
}

export function makeOrganization(r: Rng): MadeCustomer {
  const [industry, words] = pickIndustry(r);
  const word = pick(r, words);
  const place = pickPlace(r);
  const trade = tradeName(r);
  const isShop = SHOP_INDUSTRIES.has(industry) && chance(r, 0.08);
  const isAssociation = industry === 'S';
  let name: string;
  let usccKind = '91';
  let employees: number;
  if (isShop) {
    name = `${place.cityShort}${place.district ?? ''}${trade.zh}${word}${pick(r, SHOP_SUFFIXES)}`;
    usccKind = '92';
    employees = int(r, 1, 8);
  } else if (isAssociation) {
    name = `${place.cityShort}市${word}协会`;
    usccKind = '51';
    employees = int(r, 3, 30);
  } else {
    const suffix = pickCompanySuffix(r);
    const withShi = place.city.endsWith('市') && place.city.slice(0, -1) === place.cityShort && chance(r, 0.6);
    name = `${place.cityShort}${withShi ? '市' : ''}${trade.zh}${word}${suffix}`;
    const scale = suffix === '集团有限公司' ? 6 : suffix === '股份有限公司' ? 3 : 1;
    employees = Math.min(200_000, Math.max(3, Math.round(Math.exp(2.6 + 1.1 * Math.min(4, normal(r))) * scale)));
  }
  const domain = !isShop && chance(r, 0.55) ? `${trade.pinyin}${pick(r, DOMAIN_TAILS)}.${pick(r, WEB_TLDS)}` : null;
  const contactCount = isShop ? 1 : pick(r, [1, 1, 1, 1, 2, 2, 2, 3, 3, 4]);
  const contacts: MadeCustomer['contacts'] = [];
  for (let c = 0; c < contactCount; c++) {
    const gender = chance(r, 0.55) ? 'male' : 'female';
    const n = makePersonName(r, gender);
    contacts.push({
      name: n.name,
      title: isShop && c === 0 ? '店主' : pickContactTitle(r),
      mobile: chance(r, 0.9) ? makeMobile(r) : null,
      email: chance(r, 0.4) ? (domain && chance(r, 0.7) ? `${n.givenPinyin}.${n.surnamePinyin}@${domain}` : personalEmail(r, n, undefined)) : null,
      isPrimary: c === 0,
      notes: null,
    });
  }
  const primary = contacts[0];
  const perHeadYuan = logUniform(r, 150_000, 1_500_000);
  const revenueWan = Math.max(1, Math.round((employees * perHeadYuan) / 10_000));
  const row = blankRow('organization', name);
  row.source = chance(r, 0.9) ? pickSourceOrganization(r) : null;
  row.mobile = primary?.mobile && chance(r, 0.5) ? primary.mobile : null;
  row.email = domain && chance(r, 0.35) ? `${pick(r, ROLE_MAILBOXES)}@${domain}` : chance(r, 0.15) ? (primary?.email ?? null) : null;
  setPlace(row, place);
  row.address = chance(r, 0.75) ? streetAddress(r, false) : null;
  row.shortName = isAssociation ? null : `${trade.zh}${word.slice(0, 2)}`;
  row.uscc = uscc(r, usccKind, place.cityCode);
  row.legalRepresentative = makePersonName(r, chance(r, 0.75) ? 'male' : 'female').name;
  row.industry = industry;
  row.employees = employees;
  row.annualRevenueFen = chance(r, 0.8) ? revenueWan * 1_000_000 : null;
  row.website = domain && chance(r, 0.75) ? `https://www.${domain}` : null;
  return { row, contacts };
}
