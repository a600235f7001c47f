import { useState, type FormEvent } from 'react';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formError, useRepeatedPassword, useSubmit, useTextFields } from '../ui/form';
import { NewPasswordField, RepeatPasswordField } from '../ui/NewPasswordField';
import { SubmitRow } from '../ui/SubmitRow';
import { changePassword } from './accountSlice';
import { CurrentPasswordField } from './CurrentPasswordField';

/** Changing the password keeps this session and signs every other device out. */
export function PasswordForm() {
  const dispatch = useAppDispatch();
  const { values, bind, reset } = useTextFields({ currentPassword: '', newPassword: '', confirmation: '' });
  const [done, setDone] = useState(false);
  const { busy, error, onSubmit } = useSubmit(
    () => dispatch(changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword })),
    () => {
      reset();
      setDone(true);
    },
  );

  const { mismatch, submit } = useRepeatedPassword(values.newPassword, values.confirmation, onSubmit);
  const submitAgain = (event: FormEvent) => {
    setDone(false);
    submit(event);
  };

  return (
    <form className="form" onSubmit={submitAgain} noValidate>
      <CurrentPasswordField {...bind('currentPassword')} error={error} />
      <NewPasswordField {...bind('newPassword')} error={error?.fields.newPassword} hint="At least 8 characters." />
      <RepeatPasswordField {...bind('confirmation')} error={mismatch ? 'The two new passwords differ.' : undefined} />
      <ErrorMessage error={formError(error, ['invalid_credentials'])} />
      <SubmitRow
        label="Change password"
        busyLabel="Changing…"
        busy={busy}
        success={done ? 'Password changed. Your other devices were signed out.' : null}
      />
    </form>
  );
}
