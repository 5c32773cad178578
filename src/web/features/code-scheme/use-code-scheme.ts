import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CodeScheme } from '../../../domain/customers/code-scheme.ts';
import { api } from '../../api-client.ts';

const key = ['code-scheme'] as const;

/** The customer code scheme and its save. */
export function useCodeScheme() {
  const qc = useQueryClient();
  return {
    query: useQuery({ queryKey: key, queryFn: api.codeScheme.get }),
    save: useMutation({ mutationFn: (s: CodeScheme) => api.codeScheme.put(s), onSuccess: (data) => qc.setQueryData(key, data) }),
  };
}
