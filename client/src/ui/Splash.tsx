import type { AppError } from '../api/errors';
import { ErrorMessage } from './ErrorMessage';

/** The neutral screen shown until the app knows whether someone is signed in. */
export function Splash({ error, onRetry }: { error?: AppError | null; onRetry?: () => void }) {
  return (
    <div className="splash" aria-busy={!error}>
      <span className="brand-mark splash-mark" aria-hidden="true" />
      {error ? (
        <ErrorMessage error={error} onRetry={onRetry} />
      ) : (
        <p className="splash-text" role="status">
          Loading Easel…
        </p>
      )}
    </div>
  );
}
