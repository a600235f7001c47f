import type { AppError } from '../api/errors';

export interface ErrorMessageProps {
  error: AppError | null;
  /** Offered for failures that may pass (network, rate limit, server error). */
  onRetry?: (() => void) | undefined;
  className?: string;
}

const isPassing = (error: AppError) =>
  error.kind === 'network' || error.code === 'rate_limited' || (error.status ?? 0) >= 500;

/** A failure in words, announced as it appears, with a retry where trying again can help. */
export function ErrorMessage({ error, onRetry, className }: ErrorMessageProps) {
  if (!error) return null;
  return (
    <div role="alert" className={`alert alert-error${className ? ` ${className}` : ''}`}>
      <span>{error.message}</span>
      {onRetry && isPassing(error) && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
