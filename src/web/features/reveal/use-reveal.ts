import { useMutation } from '@tanstack/react-query';
import { api } from '../../api-client.ts';

/** Reveal masked values of one customer; never cached, since each reveal is a separate audited event. */
export function useReveal(customerId: number) {
  return useMutation({ mutationFn: (fields: string[]) => api.customers.reveal(customerId, fields) });
}
