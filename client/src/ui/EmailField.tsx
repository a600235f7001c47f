import { Field, type FieldProps } from './Field';

/**
 * The email field of every form: signing in and asking for a reset name the account
 * (`autoComplete="username"`, the default); registering and changing it give `"email"`.
 */
export function EmailField({ autoComplete = 'username', ...input }: Omit<FieldProps, 'label' | 'type'>) {
  return <Field label="Email" type="email" autoComplete={autoComplete} {...input} />;
}
