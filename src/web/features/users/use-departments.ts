import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DepartmentDraft } from '../../../domain/users/user.ts';
import type { departmentPatchSchema } from '../../../services/admin/departments.ts';
import { api } from '../../api-client.ts';

const key = ['departments'] as const;

export function useDepartments() {
  const qc = useQueryClient();
  return {
    query: useQuery({ queryKey: key, queryFn: api.departments.list, staleTime: 60_000 }),
    create: useMutation({ mutationFn: (d: DepartmentDraft) => api.departments.create(d), onSuccess: () => qc.invalidateQueries({ queryKey: key }) }),
    update: useMutation({
      mutationFn: (v: { id: number; patch: z.input<typeof departmentPatchSchema> }) => api.departments.update(v.id, v.patch),
      onSuccess: () => qc.invalidateQueries({ queryKey: key }),
    }),
  };
}
