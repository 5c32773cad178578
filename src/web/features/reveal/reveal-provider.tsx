import { useMemo, useState, type ReactNode } from 'react';
import { useFeedback } from '../../ui/use-feedback.ts';
import { useSession } from '../auth/use-session.ts';
import { fieldAccessOf } from '../customers/field-access.ts';
import { RevealContext, type RevealState } from './reveal-context.ts';
import { useReveal } from './use-reveal.ts';

/**
 * Holds revealed values for one customer page view only: kept across tabs, gone on leaving the page
 * (mount it with key={customer.id}). The server checks customer.reveal on this very record again.
 */
export function RevealProvider({ customer, children }: { customer: { id: number }; children: ReactNode }) {
  const { can } = useSession();
  const feedback = useFeedback();
  const mutation = useReveal(customer.id);
  const [revealed, setRevealed] = useState<Record<string, unknown>>({});
  const [pending, setPending] = useState<string | null>(null);
  const masked = fieldAccessOf(customer).masked;
  const canReveal = can('customer.reveal');

  const value = useMemo<RevealState>(
    () => ({
      canReveal,
      isMasked: (path) => Boolean(masked?.includes(path)),
      revealed,
      pending,
      reveal: (path) => {
        setPending(path);
        mutation.mutate([path], {
          onSuccess: (plain) => setRevealed((r) => ({ ...r, [path]: plain[path] })),
          onError: feedback.error,
          onSettled: () => setPending(null),
        });
      },
      hide: (path) =>
        setRevealed((r) => {
          const { [path]: _gone, ...rest } = r;
          return rest;
        }),
    }),
    [canReveal, masked, revealed, pending, mutation, feedback],
  );
  return <RevealContext.Provider value={value}>{children}</RevealContext.Provider>;
}
