/** What a share drawer shares: one customer, or a saved filter (everyone it matches, within the sharer's reach). */
export type ShareTarget = { kind: 'customer'; id: number; name: string } | { kind: 'savedFilter'; id: number; name: string };
