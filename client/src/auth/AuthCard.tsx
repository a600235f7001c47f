import type { ReactNode } from 'react';
import { PageHeading } from '../ui/PageHeading';

/** The centred card the sign-in and sign-up pages share. */
export function AuthCard({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Easel</span>
      </div>
      <section className="card auth-card">
        <PageHeading title={title} />
        <p className="muted">{intro}</p>
        {children}
      </section>
    </div>
  );
}
