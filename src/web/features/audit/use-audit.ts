import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type AuditQuery } from '../../api-client.ts';

/** A page of the audit log with filters. */
export function useAudit(query: AuditQuery) {
  return useQuery({ queryKey: ['audit', query], queryFn: () => api.audit.list(query), placeholderData: keepPreviousData });
}
