import { areaList } from '@vant/area-data';

export type RegionOption = { value: string; label: string; children?: RegionOption[] };

let cached: RegionOption[] | undefined;

/** Province → city → district by GB/T 2260 code prefixes; values are the names we store. */
export function regionOptions(): RegionOption[] {
  if (cached) return cached;
  const cities = new Map<string, RegionOption[]>();
  const districts = new Map<string, RegionOption[]>();
  for (const [code, name] of Object.entries(areaList.county_list)) {
    const key = code.slice(0, 4);
    districts.set(key, [...(districts.get(key) ?? []), { value: name, label: name }]);
  }
  for (const [code, name] of Object.entries(areaList.city_list)) {
    const key = code.slice(0, 2);
    const children = districts.get(code.slice(0, 4));
    cities.set(key, [...(cities.get(key) ?? []), { value: name, label: name, ...(children ? { children } : {}) }]);
  }
  cached = Object.entries(areaList.province_list).map(([code, name]) => {
    const children = cities.get(code.slice(0, 2));
    return { value: name, label: name, ...(children ? { children } : {}) };
  });
  return cached;
}

/** Province names for a filter. */
export function provinceNames(): string[] {
  return Object.values(areaList.province_list);
}
