import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DepartmentDraft } from '../../../domain/users/user.ts';
import { api } from '../../api-client.ts';

const key = ['departments'] as const;

export function useDepartments() {
  const qc = useQueryClient();
  return {
    query: useQuery({ queryKey: key, queryFn: api.departments.list, staleTime: 60_000 }),
    create: useMutation({ mutationFn: (d: DepartmentDraft) => api.departments.create(d), onSuccess: () => qc.invalidateQueries({ queryKey: key }) }),
  };
}
