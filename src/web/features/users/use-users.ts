import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UserPatch, userDraftSchema } from '../../../domain/users/user.ts';
import { api } from '../../api-client.ts';

const key = ['users'] as const;

/** Users for pickers and the admin page; any signed-in user may read them. */
export function useUsers() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: api.users.list, staleTime: 60_000 }),
    create: useMutation({ mutationFn: (d: z.input<typeof userDraftSchema>) => api.users.create(d), onSuccess: refresh }),
    update: useMutation({ mutationFn: (v: { id: number; patch: UserPatch }) => api.users.update(v.id, v.patch), onSuccess: refresh }),
  };
}
