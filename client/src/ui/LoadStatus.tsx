import type { LoadProgress } from '../hooks';
import { ErrorMessage } from './ErrorMessage';

export interface LoadStatusProps {
  /** From `useLoad`. */
  progress: LoadProgress;
  /** Announced while the load runs: "Loading roles…". */
  loadingLabel: string;
  /** Whether there is something to show already; a reload of it is then not announced. */
  hasContent?: boolean;
}

/** How a page's or section's load is going, in words: under way, or failed with a retry. */
export function LoadStatus({ progress, loadingLabel, hasContent = false }: LoadStatusProps) {
  return (
    <>
      {progress.status === 'loading' && !hasContent && (
        <p className="muted" role="status">
          {loadingLabel}
        </p>
      )}
      <ErrorMessage error={progress.error} onRetry={progress.retry} />
    </>
  );
}
