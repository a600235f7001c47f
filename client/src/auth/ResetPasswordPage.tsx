import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formError, useRepeatedPassword, useSubmit, useTextFields } from '../ui/form';
import { NewPasswordField, RepeatPasswordField } from '../ui/NewPasswordField';
import { AuthCard, AuthSubmit, BackToSignIn } from './AuthCard';
import { resetPassword, takeLinkToken } from './recoverySlice';

const LINK_PROBLEMS = new Set(['link_invalid', 'link_expired']);

/** A reset link that cannot be used (none, used, replaced or expired): the way to a new one. */
function BrokenLink({ expired }: { expired: boolean }) {
  return (
    <AuthCard
      title={expired ? 'This link has expired' : 'This link doesn’t work'}
      intro={
        expired
          ? 'Reset links work for a short time only. Ask for a new one.'
          : 'It may have been used already, or replaced by a newer link. Ask for a new one.'
      }
    >
      <Link to="/forgot-password" className="button button-primary button-block">
        Send a new link
      </Link>
      <BackToSignIn />
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  const dispatch = useAppDispatch();
  const location = useLocation();
  const [token] = useState(() => takeLinkToken(location));
  const { values, bind } = useTextFields({ newPassword: '', confirmPassword: '' });
  const [done, setDone] = useState(false);
  const { busy, error, onSubmit } = useSubmit(
    () => dispatch(resetPassword(token ?? '', values.newPassword)),
    () => setDone(true),
  );

  const { mismatch, submit } = useRepeatedPassword(values.newPassword, values.confirmPassword, onSubmit);

  if (done) {
    return (
      <AuthCard title="Password changed" intro="Your new password is set, and every device was signed out.">
        <Link to="/login" className="button button-primary button-block">
          Sign in
        </Link>
      </AuthCard>
    );
  }

  if (!token || (error && LINK_PROBLEMS.has(error.code)))
    return <BrokenLink expired={error?.code === 'link_expired'} />;

  return (
    <AuthCard title="Choose a new password" intro="Setting it signs you out on every device.">
      <form className="form" onSubmit={submit} noValidate>
        <NewPasswordField required {...bind('newPassword')} error={error?.fields.newPassword} />
        <RepeatPasswordField
          required
          {...bind('confirmPassword')}
          error={mismatch ? 'The two passwords differ.' : undefined}
        />
        <ErrorMessage error={formError(error)} />
        <AuthSubmit label="Set new password" busyLabel="Saving…" busy={busy} />
      </form>
    </AuthCard>
  );
}
