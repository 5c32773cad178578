import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RecordDraft, type RecordKind, type RecordPatch } from '../../api-client.ts';
import { customerKeys } from './use-customers.ts';

/** Contacts, purchases or interactions of one customer; a change refreshes the customer, its tabs and history. */
export function useCustomerRecords<K extends RecordKind>(customerId: number, kind: K) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: customerKeys.one(customerId) });
  return {
    query: useQuery({ queryKey: [...customerKeys.one(customerId), kind], queryFn: () => api.records.list(customerId, kind) }),
    add: useMutation({ mutationFn: (draft: RecordDraft<K>) => api.records.add(customerId, kind, draft), onSuccess: refresh }),
    update: useMutation({ mutationFn: (v: { id: number; patch: RecordPatch<K> }) => api.records.update(customerId, kind, v.id, v.patch), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: number) => api.records.remove(customerId, kind, id), onSuccess: refresh }),
  };
}
