import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { savedFilterDraftSchema } from '../../../domain/sharing/share.ts';
import { api } from '../../api-client.ts';

const key = ['saved-filters'] as const;

/** My saved filters (segments) of the customer list. */
export function useSavedFilters() {
  const qc = useQueryClient();
  return {
    query: useQuery({ queryKey: key, queryFn: api.savedFilters.list, staleTime: 60_000 }),
    create: useMutation({ mutationFn: (d: z.input<typeof savedFilterDraftSchema>) => api.savedFilters.create(d), onSuccess: () => qc.invalidateQueries({ queryKey: key }) }),
  };
}
