import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PartnerPatch, partnerDraftSchema } from '../../../domain/sharing/share.ts';
import { api } from '../../api-client.ts';

const key = ['partners'] as const;

/** External partners (suppliers, channel partners) a customer list can be shared with. */
export function usePartners() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: api.partners.list, staleTime: 60_000 }),
    create: useMutation({ mutationFn: (d: z.input<typeof partnerDraftSchema>) => api.partners.create(d), onSuccess: refresh }),
    update: useMutation({ mutationFn: (v: { id: number; patch: PartnerPatch }) => api.partners.update(v.id, v.patch), onSuccess: refresh }),
  };
}
