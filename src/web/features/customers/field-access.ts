import { createContext, useContext } from 'react';

/** Which sensitive fields the server masked, hid or made read-only for this user (paths like "mobile", "custom.vip"). */
export type FieldAccess = { masked?: string[]; hidden?: string[]; readonly?: string[] };
export type FieldLock = 'hidden' | 'masked' | 'readonly' | undefined;

// read structurally: older servers send no fieldAccess at all
export const fieldAccessOf = (customer: object | undefined): FieldAccess => (customer as { fieldAccess?: FieldAccess } | undefined)?.fieldAccess ?? {};

export const FieldAccessContext = createContext<FieldAccess>({});

/** How a field must be shown in the form: hidden, shown but locked (masked / read-only), or free. */
export function useFieldLock(path: string): FieldLock {
  const access = useContext(FieldAccessContext);
  if (access.hidden?.includes(path)) return 'hidden';
  if (access.masked?.includes(path)) return 'masked';
  if (access.readonly?.includes(path)) return 'readonly';
  return undefined;
}
