import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CustomFieldPatch, customFieldDraftSchema } from '../../../domain/custom-fields/custom-field.ts';
import { api } from '../../api-client.ts';

const key = ['custom-fields'] as const;

/** Custom field definitions (archived ones too: their stored values still need labels). */
export function useCustomFields() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: api.customFields.list, staleTime: 60_000 }),
    create: useMutation({ mutationFn: (d: z.input<typeof customFieldDraftSchema>) => api.customFields.create(d), onSuccess: refresh }),
    update: useMutation({ mutationFn: (v: { id: number; patch: CustomFieldPatch }) => api.customFields.update(v.id, v.patch), onSuccess: refresh }),
  };
}
