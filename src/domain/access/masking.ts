/** Masks shown to roles that may see that a value exists but not the value (138****1234). */
const chars = (s: string) => [...s];

export function maskMobile(v: string): string {
  return v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '****';
}

export function maskIdCard(v: string): string {
  return v.length >= 8 ? `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}` : '****';
}

export function maskEmail(v: string): string {
  const at = v.indexOf('@');
  if (at < 1) return '***';
  return `${v[0]}***${v.slice(at)}`;
}

export function maskUscc(v: string): string {
  return v.length >= 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 7)}${v.slice(-3)}` : '****';
}

/** Keeps the first few characters of an address (usually the district) and hides the street and number. */
export function maskAddress(v: string): string {
  const c = chars(v);
  return c.length <= 3 ? '****' : `${c.slice(0, Math.min(6, Math.floor(c.length / 3))).join('')}****`;
}

export function maskText(v: string): string {
  const c = chars(v);
  return c.length <= 1 ? '*' : `${c[0]}${'*'.repeat(Math.min(6, c.length - 1))}`;
}

export function maskValue(field: string, v: unknown): unknown {
  if (v === null || v === undefined || v === '') return v;
  if (typeof v !== 'string') return '****';
  switch (field) {
    case 'mobile': return maskMobile(v);
    case 'idCardNo': return maskIdCard(v);
    case 'email': return maskEmail(v);
    case 'uscc': return maskUscc(v);
    case 'address': return maskAddress(v);
    default: return maskText(v);
  }
}
