/** Business days are China Standard Time (UTC+8, no DST); metrics count whole days as epoch-day numbers. */
export const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

/** Epoch day of a YYYY-MM-DD date. */
export const epochDay = (date: string): number => Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);

/** YYYY-MM-DD of an epoch day. */
export const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The CST calendar day of an instant. */
export const cstDay = (at: Date): number => Math.floor((at.getTime() + CST_MS) / DAY_MS);
