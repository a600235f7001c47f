import type { UnknownAction } from 'redux';
import { attempt, type Outcome } from '../api/errors';
import type { AppThunk } from '../store';

/**
 * Deletes the item at `path` and drops it from its slice with `removed`: on a 404 as well, since
 * it is gone either way (another tab or admin was first). The outcome is the caller's to show.
 */
export const deleteItem =
  (path: string, removed: () => UnknownAction): AppThunk<Promise<Outcome<unknown>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(() => api.request<void>(path, { method: 'DELETE' }));
    if (outcome.ok || outcome.error.status === 404) dispatch(removed());
    return outcome;
  };
