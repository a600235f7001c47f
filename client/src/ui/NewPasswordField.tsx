import { Field, type FieldProps } from './Field';

type PasswordInputProps = Omit<FieldProps, 'type' | 'autoComplete'>;

/**
 * A password being chosen (registering, resetting, changing it): `autoComplete="new-password"`
 * lets the browser offer a strong one. The hint states the server's rule.
 */
export function NewPasswordField({
  label = 'New password',
  hint = 'At least 8 characters. A few unrelated words make a strong password.',
  ...input
}: Omit<PasswordInputProps, 'label'> & { label?: string }) {
  return <Field label={label} type="password" autoComplete="new-password" hint={hint} {...input} />;
}

/** The new password typed again; `useRepeatedPassword` compares the two, as the API sees one. */
export function RepeatPasswordField(input: Omit<PasswordInputProps, 'label' | 'hint'>) {
  return <Field label="Repeat the new password" type="password" autoComplete="new-password" {...input} />;
}
