import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { AppError, Outcome } from '../api/errors';

/**
 * An action the user started (a form, a button on a list item): busy while it runs, its failure
 * kept to show, `onSuccess` called with the value. A component that goes away on success (the
 * item removed, sign-in leaving the page) simply never renders again.
 */
export function useAction<T>(action: () => Promise<Outcome<T>>, onSuccess?: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function run() {
    setBusy(true);
    const outcome = await action();
    setBusy(false);
    setError(outcome.ok ? null : outcome.error);
    if (outcome.ok) onSuccess?.(outcome.value);
  }

  return { busy, error, run };
}

/** A form's submission: `useAction` run from the form's submit event. */
export function useSubmit<T>(action: () => Promise<Outcome<T>>, onSuccess?: (value: T) => void) {
  const { busy, error, run } = useAction(action, onSuccess);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  return { busy, error, onSubmit };
}

/** Text inputs' values by name, and the props that bind one of them to an input. */
export function useTextFields<Name extends string>(initial: Record<Name, string>) {
  const [values, setValues] = useState(initial);
  const bind = (name: Name) => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
  });
  const reset = (next: Partial<Record<Name, string>> = initial) => setValues((current) => ({ ...current, ...next }));
  return { values, bind, reset };
}

/**
 * The message under one field: the API's message for that field, or a form-level failure whose
 * code belongs to it (`email_taken` under the email), in the server's words or in `message`.
 */
export function fieldError(
  error: AppError | null,
  name: string,
  codes: readonly string[] = [],
  message?: string,
): string | undefined {
  return error?.fields[name] ?? (error && codes.includes(error.code) ? (message ?? error.message) : undefined);
}

/** The failure shown above the buttons: one that no field shows already. */
export function formError(error: AppError | null, codesShownByFields: readonly string[] = []): AppError | null {
  if (!error || Object.keys(error.fields).length > 0) return null;
  return codesShownByFields.includes(error.code) ? null : error;
}

/**
 * Sends the form only when the password was typed the same twice (the API sees one of them);
 * otherwise `mismatch` is set for the repeat field to show.
 */
export function useRepeatedPassword(password: string, repeated: string, onSubmit: (event: FormEvent) => void) {
  const [mismatch, setMismatch] = useState(false);
  const submit = (event: FormEvent) => {
    const differ = password !== repeated;
    setMismatch(differ);
    if (differ) event.preventDefault();
    else onSubmit(event);
  };
  return { mismatch, submit };
}
