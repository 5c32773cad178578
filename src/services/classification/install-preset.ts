import { areaList } from '@vant/area-data';
import { z } from 'zod';
import { buildPresets, presetKeys, type PresetContext } from '../../domain/classification/presets.ts';
import { schemeKeySchema } from '../../domain/classification/scheme.ts';
import { parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { Stores } from '../ports.ts';
import { createScheme, type SchemeDetail } from './schemes.ts';

/*
 * The built-in schemes (客户类型, 客户性质, 价值, 盈利, 行为, 交易历史, 采购规模, 行业, 地区, 产品线, RFM) are
 * installed as drafts like any other scheme, ready to edit, validate and publish. Regions come from
 * @vant/area-data (the names the archive uses), product lines from the purchase records.
 */

export const presetInputSchema = z.strictObject({ preset: z.enum(presetKeys), key: schemeKeySchema.optional() });

/** Product lines and province values are read (one aggregate each) only for the preset that uses them. */
export async function presetContext(stores: Stores, opts: { productLines: boolean; provinces?: boolean }): Promise<PresetContext> {
  const cities = Object.entries(areaList.city_list);
  const regions = Object.entries(areaList.province_list).map(([code, name]) => ({
    code: code.slice(0, 2),
    name,
    cities: cities.filter(([c]) => c.startsWith(code.slice(0, 2))).map(([c, n]) => ({ code: c.slice(0, 4), name: n })),
  }));
  const known = new Set(regions.map((r) => r.name));
  // provinces the archive holds that are no Chinese province (imported foreign countries, e.g. UCI's Country)
  const abroad = opts.provinces ? (await stores.classification.provinces()).filter((p) => !known.has(p)) : [];
  return { regions, abroad, productLines: opts.productLines ? await stores.classification.productLines() : [] };
}

export type PresetSummary = { key: string; nameZh: string; nameEn: string; description: string };

export async function listPresets(deps: Deps, actor: Actor): Promise<PresetSummary[]> {
  deps.access.assertCan(actor, 'schemes.manage');
  return buildPresets(await presetContext(deps.db, { productLines: false })).map(({ key, nameZh, nameEn, description }) => ({ key, nameZh, nameEn, description }));
}

/** A new scheme from a preset (its key unless another is given), as a draft. */
export async function installPreset(deps: Deps, actor: Actor, input: unknown): Promise<SchemeDetail> {
  deps.access.assertCan(actor, 'schemes.manage');
  const { preset, key } = parseOrThrow(presetInputSchema, input);
  const p = buildPresets(await presetContext(deps.db, { productLines: preset === 'product-line', provinces: preset === 'region' })).find((x) => x.key === preset)!;
  return createScheme(deps, actor, { key: key ?? p.key, nameZh: p.nameZh, nameEn: p.nameEn, description: p.description, definition: p.definition }, { preset });
}

/** POST /schemes: a preset when the body names one, else a scheme of its own. */
export const createSchemeOrPreset = (deps: Deps, actor: Actor, input: unknown) =>
  input !== null && typeof input === 'object' && 'preset' in input ? installPreset(deps, actor, input) : createScheme(deps, actor, input);
