import dayjs from 'dayjs';

/** What an empty value shows as, everywhere. */
export const dash = '—';

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Integer fen as ¥1,234.50; negative amounts keep the sign in front of ¥. */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return dash;
  const text = `¥${grouped.format(Math.abs(fen) / 100)}`;
  return fen < 0 ? `-${text}` : text;
}

/** Yuan typed in a form (up to 2 decimals) to integer fen; empty stays null. */
export function yuanToFen(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined || Number.isNaN(yuan) ? null : Math.round(yuan * 100);
}

export function fenToYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}

/** An ISO instant in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return dash;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** A calendar date (YYYY-MM-DD) or the date part of an instant. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return dash;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? dash : new Intl.NumberFormat('en-US').format(n);
}

/** Text or the dash. */
export function orDash(v: string | number | null | undefined): string {
  return v === null || v === undefined || v === '' ? dash : String(v);
}
