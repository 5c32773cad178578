import { useCustomerRecords } from '../customers/use-customer-records.ts';

/** The contacts of one customer with add, update and remove. */
export function useContacts(customerId: number) {
  return useCustomerRecords(customerId, 'contacts');
}
