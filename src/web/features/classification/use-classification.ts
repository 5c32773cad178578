import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ClassOverrideInput, type DraftEditInput, type MovesQuery } from '../../api-client.ts';

export const classKeys = {
  all: ['classification'] as const,
  schemes: ['classification', 'schemes'] as const,
  scheme: (key: string) => ['classification', 'scheme', key] as const,
  versions: (key: string) => ['classification', 'scheme', key, 'versions'] as const,
  distribution: (key: string) => ['classification', 'scheme', key, 'distribution'] as const,
  presets: ['classification', 'presets'] as const,
  criteria: ['classification', 'criteria'] as const,
  runs: (page: number) => ['classification', 'runs', page] as const,
  run: (id: number) => ['classification', 'run', id] as const,
  moves: (q: MovesQuery) => ['classification', 'moves', q] as const,
  customerClasses: (id: number) => ['customers', 'one', id, 'classes'] as const,
  customerChanges: (id: number, page: number) => ['customers', 'one', id, 'class-changes', page] as const,
};

export const useSchemes = () => useQuery({ queryKey: classKeys.schemes, queryFn: api.classification.schemes });
export const usePresets = (enabled: boolean) => useQuery({ queryKey: classKeys.presets, queryFn: api.classification.presets, enabled, staleTime: Infinity });
/** Criteria change only with custom fields; a minute is fresh enough for the editor. */
export const useCriteria = () => useQuery({ queryKey: classKeys.criteria, queryFn: api.classification.criteria, staleTime: 60_000 });
export const useScheme = (key: string) => useQuery({ queryKey: classKeys.scheme(key), queryFn: () => api.classification.scheme(key) });
export const useVersions = (key: string, enabled: boolean) => useQuery({ queryKey: classKeys.versions(key), queryFn: () => api.classification.versions(key), enabled });
export const useDistribution = (key: string, enabled = true) => useQuery({ queryKey: classKeys.distribution(key), queryFn: () => api.classification.distribution(key), enabled });

/** The detail of every scheme at once (list page, customer filter); each is cached like a single scheme. */
export function useSchemeDetails(keys: readonly string[]) {
  return useQueries({ queries: keys.map((key) => ({ queryKey: classKeys.scheme(key), queryFn: () => api.classification.scheme(key) })) });
}

/** The live distribution of every scheme at once (list page totals). */
export function useDistributions(keys: readonly string[]) {
  return useQueries({ queries: keys.map((key) => ({ queryKey: classKeys.distribution(key), queryFn: () => api.classification.distribution(key) })) });
}

export const useRuns = (page: number) => useQuery({ queryKey: classKeys.runs(page), queryFn: () => api.classification.runs({ page, pageSize: 10 }), placeholderData: keepPreviousData });

/** A run, polled every second while it is running. */
export function useRun(id: number | null) {
  return useQuery({
    queryKey: classKeys.run(id ?? 0),
    queryFn: () => api.classification.run(id!),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
  });
}

/** Draft edits, validation, preview, publish and discard of one scheme; writes refresh what they change. */
export function useSchemeMutations(key: string) {
  const qc = useQueryClient();
  const refreshScheme = () => qc.invalidateQueries({ queryKey: classKeys.scheme(key) });
  const refreshAll = () => Promise.all([qc.invalidateQueries({ queryKey: classKeys.all }), qc.invalidateQueries({ queryKey: ['customers'] })]);
  return {
    edit: useMutation({ mutationFn: (edit: DraftEditInput) => api.classification.edit(key, edit), onSuccess: refreshScheme }),
    validate: useMutation({ mutationFn: () => api.classification.validate(key) }),
    preview: useMutation({ mutationFn: () => api.classification.preview(key) }),
    publish: useMutation({ mutationFn: (note: string | undefined) => api.classification.publish(key, note), onSuccess: refreshAll }),
    discard: useMutation({ mutationFn: () => api.classification.discardDraft(key), onSuccess: refreshScheme }),
  };
}

export function useCreateScheme() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: api.classification.create, onSuccess: () => qc.invalidateQueries({ queryKey: classKeys.schemes }) });
}

export function useCreateFromPreset() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (preset: string) => api.classification.createFromPreset(preset), onSuccess: () => qc.invalidateQueries({ queryKey: classKeys.schemes }) });
}

export function useStartRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { mode: 'incremental' | 'full'; schemes?: string[] }) => api.classification.startRun(v.mode, v.schemes),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['classification', 'runs'] }),
  });
}

/** Who moved from one category to another since a day (categories include their descendants). */
export const useMoves = (q: MovesQuery) => useQuery({ queryKey: classKeys.moves(q), queryFn: () => api.classification.moves(q), placeholderData: keepPreviousData });

export const useCustomerClasses = (customerId: number) => useQuery({ queryKey: classKeys.customerClasses(customerId), queryFn: () => api.classification.customerClasses(customerId) });
export const useCustomerClassChanges = (customerId: number, page: number, pageSize = 20) =>
  useQuery({ queryKey: classKeys.customerChanges(customerId, page), queryFn: () => api.classification.customerChanges(customerId, { page, pageSize }), placeholderData: keepPreviousData });

/** Manual placement of one customer in one scheme, and its removal (back to the rules). */
export function useClassOverride(customerId: number) {
  const qc = useQueryClient();
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['customers', 'one', customerId] }), qc.invalidateQueries({ queryKey: classKeys.all })]);
  return {
    set: useMutation({ mutationFn: (v: { scheme: string } & ClassOverrideInput) => api.classification.override(customerId, v.scheme, { categoryKey: v.categoryKey, reason: v.reason, expiresAt: v.expiresAt ?? null }), onSuccess: refresh }),
    clear: useMutation({ mutationFn: (scheme: string) => api.classification.clearOverride(customerId, scheme), onSuccess: refresh }),
  };
}
