import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { internalShareDraftSchema } from '../../../domain/sharing/share.ts';
import { api } from '../../api-client.ts';

const key = ['shares'] as const;

/** Shares with colleagues: those of one customer (when given), and adding or revoking any share. */
export function useShares(customerId?: number) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: [...key, 'customer', customerId], queryFn: () => api.shares.forCustomer(customerId ?? 0), enabled: customerId !== undefined }),
    create: useMutation({ mutationFn: (d: z.input<typeof internalShareDraftSchema>) => api.shares.create(d), onSuccess: refresh }),
    revoke: useMutation({ mutationFn: (id: number) => api.shares.revoke(id), onSuccess: refresh }),
  };
}
