import type { FormInstance } from 'antd';
import { ApiError } from '../api-client.ts';

type NamePath = (string | number)[];

/** Errors that name fields (400 input, 403 field rules): shown under the fields, not as a toast. */
export const hasFieldIssues = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.code !== 'VERSION_CONFLICT' && err.issues.some((i) => i.path.length > 0);

/**
 * Puts each 400 issue under the form field its path names (mapPath renames, e.g. annualRevenueFen →
 * annualRevenueYuan). Returns the messages that have no field on this form, for a banner.
 */
export function applyServerIssues(form: FormInstance, err: unknown, mapPath: (path: NamePath) => NamePath = (p) => p): string[] {
  if (!(err instanceof ApiError) || err.issues.length === 0) return [];
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: string[] = [];
  for (const issue of err.issues) {
    const name = mapPath(issue.path);
    const key = JSON.stringify(name);
    if (name.length > 0 && registered.has(key)) {
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(issue.message);
      byField.set(key, entry);
    } else {
      unmatched.push(issue.message);
    }
  }
  const fields = [...byField.values()];
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center', behavior: 'smooth' });
  return unmatched;
}
