import { useQuery } from '@tanstack/react-query';
import { api } from '../../api-client.ts';

/** What the export dialog offers this user: columns not hidden from them, masked ones marked. */
export function useExportColumns(enabled: boolean) {
  return useQuery({ queryKey: ['customers', 'export-columns'], queryFn: () => api.customers.exportColumns(), enabled, staleTime: 60_000 });
}
