import { useCustomerRecords } from '../customers/use-customer-records.ts';

/** The purchases of one customer with add, update and remove. */
export function usePurchases(customerId: number) {
  return useCustomerRecords(customerId, 'purchases');
}
