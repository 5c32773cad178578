import type { z } from 'zod';

/** Every failure a user or client can cause has one of these codes; transports map them once. */
export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'TOO_MANY_ATTEMPTS',
  'PAYLOAD_TOO_LARGE',
  'DATABASE_NEWER_THAN_CODE',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field: code + params, rendered to zh-CN or English at the edge. */
export type Issue = {
  path: (string | number)[];
  code: string;
  params?: Record<string, unknown>;
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly issues: Issue[] = [],
    readonly params: Record<string, unknown> = {},
  ) {
    super(messageKey);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string | number) =>
  new DomainError('NOT_FOUND', 'not_found', [], { what, id: String(id) });

export const invalid = (issues: Issue[]) => new DomainError('INVALID_INPUT', 'invalid_input', issues);

/** Turns zod issues into ours; custom refinements carry their code in params.code. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): Issue[] {
  const out: Issue[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...iss.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (iss.code === 'invalid_union' && iss.errors.length > 0) {
      // report the branch that got furthest instead of a vague "invalid union"
      const best = [...iss.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      out.push(...fromZodIssues(best, path));
      continue;
    }
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) out.push({ path: [...path, key], code: 'unknown_field' });
      continue;
    }
    if (iss.code === 'custom') {
      const params = (iss.params ?? {}) as Record<string, unknown>;
      out.push({ path, code: String(params.code ?? 'invalid'), params });
      continue;
    }
    if (iss.code === 'invalid_type') {
      const missing = iss.input === undefined;
      out.push({ path, code: missing ? 'required' : 'invalid_type', params: { expected: iss.expected } });
      continue;
    }
    if (iss.code === 'too_small' || iss.code === 'too_big') {
      out.push({ path, code: iss.code, params: { origin: iss.origin, limit: Number(iss.code === 'too_small' ? iss.minimum : iss.maximum) } });
      continue;
    }
    if (iss.code === 'invalid_format') {
      out.push({ path, code: iss.format === 'email' ? 'bad_email' : 'invalid_format', params: { format: iss.format } });
      continue;
    }
    if (iss.code === 'invalid_value') {
      // a missing enum is reported by zod as a bad value; to the user it is a missing field
      out.push({ path, code: iss.input === undefined ? 'required' : 'invalid_value', params: { values: iss.values.map(String) } });
      continue;
    }
    out.push({ path, code: iss.code });
  }
  return out;
}

/** A format rule with a readable name instead of a regex in the message. */
export const formatRule = (re: RegExp, format: string) => [(s: string) => re.test(s), { params: { code: 'invalid_format', format } }] as const;

/** Parses or throws INVALID_INPUT with field paths; the one validation door for every transport. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw invalid(fromZodIssues(result.error.issues));
  return result.data;
}
