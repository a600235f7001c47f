import { useState } from 'react';
import type { User } from '../api/types';
import { useAppDispatch } from '../hooks';
import { EmailField } from '../ui/EmailField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { fieldError, formError, useSubmit, useTextFields } from '../ui/form';
import { SubmitRow } from '../ui/SubmitRow';
import { updateProfile, type ProfileChanges } from './accountSlice';
import { CurrentPasswordField } from './CurrentPasswordField';

/** Name and email. A new email asks for the current password, as the API does. */
export function ProfileForm({ user }: { user: User }) {
  const dispatch = useAppDispatch();
  const { values, bind, reset } = useTextFields({ name: user.name, email: user.email, currentPassword: '' });
  const [saved, setSaved] = useState(false);
  const emailChanges = values.email.trim().toLowerCase() !== user.email;
  const { busy, error, onSubmit } = useSubmit(
    () => {
      const changes: ProfileChanges = { name: values.name.trim() };
      if (emailChanges) Object.assign(changes, { email: values.email, currentPassword: values.currentPassword });
      setSaved(false);
      return dispatch(updateProfile(changes));
    },
    () => {
      reset({ currentPassword: '' });
      setSaved(true);
    },
  );

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Field label="Name" autoComplete="name" {...bind('name')} error={error?.fields.name} />
      <EmailField autoComplete="email" {...bind('email')} error={fieldError(error, 'email', ['email_taken'])} />
      {emailChanges && (
        <CurrentPasswordField {...bind('currentPassword')} error={error} hint="Needed to change your email." />
      )}
      <ErrorMessage error={formError(error, ['email_taken', 'invalid_credentials'])} />
      <SubmitRow label="Save profile" busyLabel="Saving…" busy={busy} success={saved ? 'Profile saved.' : null} />
    </form>
  );
}
