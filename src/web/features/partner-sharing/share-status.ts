import type { PartnerShare } from '../../../domain/sharing/share.ts';

export type ShareStatus = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired: it is what someone did, not what time did. */
export function shareStatus(s: Pick<PartnerShare, 'revokedAt' | 'expiresAt'>, now = new Date()): ShareStatus {
  if (s.revokedAt) return 'revoked';
  return s.expiresAt <= now.toISOString() ? 'expired' : 'active';
}

export const statusColor: Record<ShareStatus, string> = { active: 'green', revoked: 'default', expired: 'orange' };
