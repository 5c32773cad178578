import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerPatch } from '../../../domain/customers/customer.ts';
import { api, type CustomerDraftInput, type CustomerListParams } from '../../api-client.ts';

export const customerKeys = {
  all: ['customers'] as const,
  list: (params: CustomerListParams) => ['customers', 'list', params] as const,
  search: (q: string) => ['customers', 'search', q] as const,
  one: (id: number) => ['customers', 'one', id] as const,
  history: (id: number, page: number) => ['customers', 'one', id, 'history', page] as const,
};

/** A page of customers; the previous page stays on screen while the next one loads. */
export function useCustomerList(params: CustomerListParams) {
  return useQuery({ queryKey: customerKeys.list(params), queryFn: () => api.customers.list(params), placeholderData: keepPreviousData });
}

/** Typeahead suggestions for a search box entry; nothing is asked for an empty one. */
export function useCustomerSearch(q: string) {
  const text = q.trim();
  return useQuery({ queryKey: customerKeys.search(text), queryFn: () => api.customers.search(text), enabled: text.length > 0, staleTime: 30_000, placeholderData: keepPreviousData });
}

/** One customer for the 360° page, with contacts and the purchase summary. */
export function useCustomer(id: number) {
  return useQuery({ queryKey: customerKeys.one(id), queryFn: () => api.customers.get(id), enabled: Number.isInteger(id) && id > 0 });
}

export function useCustomerHistory(id: number, page: number, pageSize = 20) {
  return useQuery({ queryKey: customerKeys.history(id, page), queryFn: () => api.customers.history(id, { page, pageSize }), placeholderData: keepPreviousData });
}

/** Create, edit, delete and restore; each refreshes every customer query it can affect. */
export function useCustomerMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: customerKeys.all });
  return {
    create: useMutation({ mutationFn: (draft: CustomerDraftInput) => api.customers.create(draft), onSuccess: refresh }),
    update: useMutation({ mutationFn: (v: { id: number; patch: CustomerPatch }) => api.customers.update(v.id, v.patch), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: number) => api.customers.remove(id), onSuccess: refresh }),
    restore: useMutation({ mutationFn: (id: number) => api.customers.restore(id), onSuccess: refresh }),
  };
}
