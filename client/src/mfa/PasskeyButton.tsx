import { useState } from 'react';
import type { AppError, Outcome } from '../api/errors';

/**
 * Signing in or proving the second factor with a passkey: busy while the browser asks for it, and
 * its failure, forgotten when the person tries again.
 */
export function usePasskeyPrompt(prove: () => Promise<Outcome<unknown>>, onDone?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    const outcome = await prove();
    setBusy(false);
    if (outcome.ok) onDone?.();
    else setError(outcome.error);
  }

  return { busy, error, run };
}

export interface PasskeyButtonProps {
  label: string;
  primary?: boolean;
  /** From `usePasskeyPrompt`; its error is shown where the page puts it. */
  prompt: ReturnType<typeof usePasskeyPrompt>;
}

/** The full-width button that starts a passkey prompt, saying so while the browser waits. */
export function PasskeyButton({ label, primary = false, prompt }: PasskeyButtonProps) {
  return (
    <button
      type="button"
      className={`button${primary ? ' button-primary' : ''} button-block`}
      disabled={prompt.busy}
      onClick={() => void prompt.run()}
    >
      {prompt.busy ? 'Waiting for your passkey…' : label}
    </button>
  );
}
