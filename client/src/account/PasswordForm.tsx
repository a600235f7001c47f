import { useState, type FormEvent } from 'react';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { formError, useSubmit, useTextFields } from '../ui/form';
import { SubmitRow } from '../ui/SubmitRow';
import { changePassword } from './accountSlice';
import { CurrentPasswordField } from './CurrentPasswordField';

/** Changing the password keeps this session and signs every other device out. */
export function PasswordForm() {
  const dispatch = useAppDispatch();
  const { values, bind, reset } = useTextFields({ currentPassword: '', newPassword: '', confirmation: '' });
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const { busy, error, onSubmit } = useSubmit(
    () => dispatch(changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword })),
    () => {
      reset();
      setDone(true);
    },
  );

  /** The two new passwords are compared here: the API sees only one. */
  const submit = (event: FormEvent) => {
    const differ = values.newPassword !== values.confirmation;
    setDone(false);
    setMismatch(differ);
    if (differ) event.preventDefault();
    else onSubmit(event);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <CurrentPasswordField {...bind('currentPassword')} error={error} />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        {...bind('newPassword')}
        error={error?.fields.newPassword}
        hint="At least 8 characters."
      />
      <Field
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        {...bind('confirmation')}
        error={mismatch ? 'The two new passwords differ.' : undefined}
      />
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
