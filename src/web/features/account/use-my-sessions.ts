import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api-client.ts';
import { sessionKey } from '../auth/use-session.ts';

const key = ['my-sessions'] as const;

/** Where I am signed in; ending this very session signs me out here too. */
export function useMySessions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: api.auth.sessions }),
    revoke: useMutation({
      mutationFn: (s: { id: string; current: boolean }) => api.auth.revokeSession(s.id),
      onSuccess: async (_r, s) => {
        if (!s.current) return refresh();
        qc.clear();
        qc.setQueryData(sessionKey, null);
      },
    }),
    signOutOthers: useMutation({ mutationFn: api.auth.signOutOthers, onSuccess: refresh }),
  };
}
