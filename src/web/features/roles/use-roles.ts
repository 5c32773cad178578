import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RoleDraftInput, type RolePatchInput } from '../../api-client.ts';

const key = ['roles'] as const;

/** Built-in and custom roles with their grants; any signed-in user may read them, admins change custom ones. */
export function useRoles() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: api.roles.list, staleTime: 60_000 }),
    create: useMutation({ mutationFn: (d: RoleDraftInput) => api.roles.create(d), onSuccess: refresh }),
    update: useMutation({ mutationFn: (v: { key: string; patch: RolePatchInput }) => api.roles.update(v.key, v.patch), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (k: string) => api.roles.remove(k), onSuccess: refresh }),
  };
}
