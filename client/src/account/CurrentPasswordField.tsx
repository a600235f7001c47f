import type { AppError } from '../api/errors';
import { Field, type FieldProps } from '../ui/Field';
import { fieldError } from '../ui/form';

export interface CurrentPasswordFieldProps extends Omit<FieldProps, 'label' | 'type' | 'autoComplete' | 'error'> {
  /** The form's failure: a wrong password is shown under this field. */
  error: AppError | null;
}

/** The current password, asked again before a change that needs it. */
export function CurrentPasswordField({ error, ...input }: CurrentPasswordFieldProps) {
  return (
    <Field
      label="Current password"
      type="password"
      autoComplete="current-password"
      error={fieldError(error, 'currentPassword', ['invalid_credentials'], 'That password is not right.')}
      {...input}
    />
  );
}
