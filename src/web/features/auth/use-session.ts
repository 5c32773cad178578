import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type SignedIn, type TotpChallenge } from '../../api-client.ts';

export const sessionKey = ['session'] as const;

/** Who is signed in and what they may do; sign in (one or two steps) and out through the same cache entry. */
export function useSession() {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: sessionKey, queryFn: api.auth.me, staleTime: Infinity, retry: false });
  const started = async () => {
    // another user may have been signed in before: nothing of theirs may stay cached
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    await qc.fetchQuery({ queryKey: sessionKey, queryFn: api.auth.me, staleTime: 0 });
  };
  const signIn = useMutation({
    mutationFn: (v: { username: string; password: string }): Promise<SignedIn | TotpChallenge> => api.auth.signIn(v.username, v.password),
    onSuccess: async (r) => {
      if (!('totpRequired' in r)) await started();
    },
  });
  const signInTotp = useMutation({
    mutationFn: (v: { challenge: string; code: string }) => api.auth.signInTotp(v.challenge, v.code),
    onSuccess: started,
  });
  const signOut = useMutation({
    mutationFn: api.auth.signOut,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
  const me = query.data ?? null;
  return {
    me,
    isLoading: query.isPending,
    error: query.error,
    can: (permission: string) => Boolean(me?.permissions.includes(permission)),
    signIn,
    signInTotp,
    signOut,
  };
}
