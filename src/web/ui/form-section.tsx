import type { ReactNode } from 'react';

/** A titled group of form fields with a thin accent, lighter than a card. */
export function FormSection({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', margin: '4px 0 14px' }}>
        <div style={{ fontWeight: 600, fontSize: 14, color: '#0f172a', borderInlineStart: '3px solid #1d4ed8', paddingInlineStart: 8, lineHeight: '16px' }}>{title}</div>
        {extra}
      </div>
      {children}
    </section>
  );
}
