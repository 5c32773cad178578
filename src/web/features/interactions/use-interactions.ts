import { useCustomerRecords } from '../customers/use-customer-records.ts';

/** The interactions of one customer with add, update and remove. */
export function useInteractions(customerId: number) {
  return useCustomerRecords(customerId, 'interactions');
}
