import { areaList } from '@vant/area-data';
import { weighted, type Rng } from './prng.ts';

/** Province → city → district names from @vant/area-data, weighted towards where customers are. */

export type Place = {
  province: string;
  city: string;
  district: string | null;
  /** city name as used inside a company name: 深圳, 北京, or the province for prefectures (甘肃) */
  cityShort: string;
  /** prefecture code (GB/T 2260), for USCC registration authorities */
  cityCode: string;
  /** county code when the district is a real county-level unit, else the prefecture code; for ID numbers */
  idRegionCode: string;
};

/** Relative weight by province code prefix: roughly population times economic activity. */
const PROVINCE_WEIGHTS: Record<string, number> = {
  '44': 12, '32': 9, '33': 8, '37': 7, '41': 6, '51': 5, '11': 5, '31': 5, '42': 4, '43': 4, '35': 4, '13': 4,
  '34': 3.5, '61': 2.5, '50': 2.5, '21': 2.5, '36': 2.5, '45': 2.5, '53': 2, '12': 2, '14': 1.5, '23': 1.5,
  '52': 1.5, '22': 1, '15': 1, '65': 1, '62': 0.8, '46': 0.6, '64': 0.3, '63': 0.2, '54': 0.1,
};

/** Big cities get more customers than their province's other prefectures. */
const CITY_WEIGHTS: Record<string, number> = {
  '440100': 6, '440300': 6, '441900': 3, '440600': 3, '320500': 5, '320100': 4, '320200': 3, '330100': 5,
  '330200': 3, '330300': 2, '370200': 3, '370100': 3, '410100': 4, '510100': 6, '420100': 5, '430100': 4,
  '350200': 3, '350100': 3, '350500': 2, '130100': 3, '340100': 4, '610100': 5, '210100': 3, '210200': 3,
  '360100': 3, '450100': 3, '530100': 3, '140100': 3, '230100': 3, '220100': 3, '520100': 3, '150100': 2,
  '650100': 3, '620100': 3, '460100': 3, '640100': 3, '630100': 3, '540100': 3, '500100': 5,
};

const PLACEHOLDER = new Set(['县', '市辖区', '省直辖县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const shortProvince = (p: string) => p.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');

type City = { province: string; city: string; cityShort: string; cityCode: string; districts: { name: string; code: string }[] };

let pickCity: ((r: Rng) => City) | undefined;

function buildCities(): (r: Rng) => City {
  const entries: [City, number][] = [];
  const counties = Object.entries(areaList.county_list);
  for (const [cityCode, rawCity] of Object.entries(areaList.city_list)) {
    const pw = PROVINCE_WEIGHTS[cityCode.slice(0, 2)];
    if (pw === undefined) continue; // Taiwan, Hong Kong and Macau are out of scope for mainland IDs and mobiles
    const province = areaList.province_list[`${cityCode.slice(0, 2)}0000`] ?? '';
    const districts = counties
      .filter(([code, name]) => code.slice(0, 4) === cityCode.slice(0, 4) && !PLACEHOLDER.has(name))
      .map(([code, name]) => ({ code, name }));
    const isMunicipality = ['11', '12', '31', '50'].includes(cityCode.slice(0, 2));
    const cityPlaceholder = PLACEHOLDER.has(rawCity);
    if (cityPlaceholder && !isMunicipality) {
      // province-administered counties (e.g. 海南 琼海市): each county acts as its own city
      for (const d of districts) {
        entries.push([{ province, city: d.name, cityShort: d.name.replace(/市$/, ''), cityCode: d.code, districts: [] }, pw * 0.2]);
      }
      continue;
    }
    const city = isMunicipality ? province : rawCity;
    const cityShort = city.endsWith('市') ? city.slice(0, -1) : shortProvince(province);
    const cityCount = Object.keys(areaList.city_list).filter((c) => c.startsWith(cityCode.slice(0, 2))).length;
    entries.push([{ province, city, cityShort, cityCode, districts }, (pw * (CITY_WEIGHTS[cityCode] ?? 1)) / Math.sqrt(cityCount)]);
  }
  return weighted(entries);
}

/** A customer's place; district for about 85%. */
export function pickPlace(r: Rng): Place {
  pickCity ??= buildCities();
  const c = pickCity(r);
  const d = c.districts.length > 0 && r() < 0.85 ? c.districts[Math.floor(r() * c.districts.length)] : undefined;
  const realCounty = d !== undefined && /[区县市旗]$/.test(d.name);
  return {
    province: c.province,
    city: c.city,
    district: d?.name ?? null,
    cityShort: c.cityShort,
    cityCode: c.cityCode,
    idRegionCode: realCounty ? d.code : c.cityCode,
  };
}
