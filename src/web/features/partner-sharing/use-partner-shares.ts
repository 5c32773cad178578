import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { partnerShareDraftSchema } from '../../../domain/sharing/share.ts';
import { api } from '../../api-client.ts';

const key = ['partner-shares'] as const;

/** Partner shares: the list, creating one (the link comes back once), revoking one. */
export function usePartnerShares() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: api.partnerShares.list }),
    create: useMutation({ mutationFn: (d: z.input<typeof partnerShareDraftSchema>) => api.partnerShares.create(d), onSuccess: refresh }),
    revoke: useMutation({ mutationFn: (id: number) => api.partnerShares.revoke(id), onSuccess: refresh }),
  };
}

/** Every view and download of one share, newest first. */
export function usePartnerAccessLog(shareId: number | null) {
  return useQuery({ queryKey: [...key, shareId, 'access-log'], queryFn: () => api.partnerShares.accessLog(shareId ?? 0), enabled: shareId !== null });
}
