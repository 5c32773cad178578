import { expect } from 'vitest';
import type { ApiResponse } from './http-client.ts';

export type ApiIssue = { path: (string | number)[]; code: string; message: string };
export type ApiError = { code: string; message: string; issues: ApiIssue[] };

/** The one error shape of the contract: { error: { code, message, issues: [{ path, code, message }] } }. */
export function expectApiError(r: ApiResponse, status: number, code?: string): ApiError {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expect(Object.keys(r.body ?? {})).toEqual(['error']);
  const e = r.body.error as ApiError;
  expect(Object.keys(e).sort()).toEqual(['code', 'issues', 'message']);
  expect(e.code).toMatch(/^[A-Z_]+$/);
  if (code) expect(e.code).toBe(code);
  expect(typeof e.message).toBe('string');
  expect(e.message.length).toBeGreaterThan(0);
  expect(Array.isArray(e.issues)).toBe(true);
  for (const i of e.issues) {
    expect(Object.keys(i).sort()).toEqual(['code', 'message', 'path']);
    expect(Array.isArray(i.path)).toBe(true);
    expect(typeof i.code).toBe('string');
    expect(typeof i.message).toBe('string');
  }
  return e;
}

/** A 400 whose issues include `path` (dotted, e.g. "contacts.1.mobile"), optionally with that issue code. */
export function expectInvalid(r: ApiResponse, path: string, issueCode?: string): ApiIssue {
  const e = expectApiError(r, 400, 'INVALID_INPUT');
  const found = e.issues.find((i) => i.path.join('.') === path);
  expect(found, `no issue at "${path}" in ${JSON.stringify(e.issues)}`).toBeDefined();
  if (issueCode) expect(found?.code, JSON.stringify(e.issues)).toBe(issueCode);
  return found as ApiIssue;
}

export const issuePaths = (r: ApiResponse): string[] => (r.body.error.issues as ApiIssue[]).map((i) => i.path.join('.'));

/** Han characters: a message rendered in zh-CN. */
export const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
