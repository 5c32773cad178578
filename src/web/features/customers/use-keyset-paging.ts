import { useRef } from 'react';
import type { CustomerListParams } from '../../api-client.ts';
import type { CustomerPage } from '../../../services/ports.ts';
import { writeListState, type ListState } from './list-params.ts';

/**
 * Deep pages by cursor: each page remembers the cursor of the page after it, so stepping on asks for
 * "after this row" (as fast on page 50,000 as on page 2) and leaves the count out, reusing the total the
 * first page brought. A page reached without a cursor (a jump, a reload) is read by offset as before.
 */
export function useKeysetPaging(state: ListState) {
  const cursors = useRef(new Map<string, string>());
  const totals = useRef(new Map<string, number>());
  const filterKey = writeListState({ ...state, page: 1 }).toString();
  const after = state.page > 1 ? cursors.current.get(`${filterKey}#${state.page}`) : undefined;
  const knownTotal = totals.current.get(filterKey);
  const params: CustomerListParams = after ? { ...state, after, ...(knownTotal === undefined ? {} : { withTotal: 'false' }) } : state;
  return {
    params,
    remember(data: CustomerPage | undefined) {
      if (!data) return;
      if (data.total !== null) totals.current.set(filterKey, data.total);
      if (data.nextCursor && data.page === state.page) cursors.current.set(`${filterKey}#${state.page + 1}`, data.nextCursor);
    },
    total: (data: CustomerPage | undefined) => data?.total ?? knownTotal ?? 0,
  };
}
