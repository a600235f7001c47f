import type { ReactNode } from 'react';
import { Link } from 'react-router';
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

/** The card's full-width submit button, with the word it shows while busy ("Signing in…"). */
export function AuthSubmit({ label, busyLabel, busy }: { label: string; busyLabel: string; busy: boolean }) {
  return (
    <button type="submit" className="button button-primary button-block" disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** The way back from the recovery pages. */
export function BackToSignIn() {
  return (
    <p className="auth-switch">
      <Link to="/login">Back to sign in</Link>
    </p>
  );
}
