import { createContext, useContext } from 'react';

/** What one customer page knows about revealing: which paths are masked, which were revealed, and how to reveal one. */
export type RevealState = {
  canReveal: boolean;
  isMasked: (path: string) => boolean;
  revealed: Readonly<Record<string, unknown>>;
  pending: string | null;
  reveal: (path: string) => void;
  hide: (path: string) => void;
};

const none: RevealState = { canReveal: false, isMasked: () => false, revealed: {}, pending: null, reveal: () => undefined, hide: () => undefined };

export const RevealContext = createContext<RevealState>(none);

export const useRevealState = () => useContext(RevealContext);
