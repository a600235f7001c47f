import type { AppError } from '../api/errors';
import { ErrorMessage } from './ErrorMessage';

export interface LoadStatusProps {
  /** True while the load runs with nothing to show yet. */
  loading: boolean;
  /** Announced meanwhile: "Loading roles…". */
  loadingLabel: string;
  error: AppError | null;
  onRetry(): void;
}

/** How a page's or section's load is going, in words: under way, or failed with a retry. */
export function LoadStatus({ loading, loadingLabel, error, onRetry }: LoadStatusProps) {
  return (
    <>
      {loading && (
        <p className="muted" role="status">
          {loadingLabel}
        </p>
      )}
      <ErrorMessage error={error} onRetry={onRetry} />
    </>
  );
}
