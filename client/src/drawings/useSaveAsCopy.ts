import { useNavigate } from 'react-router';
import { useAppDispatch } from '../hooks';
import { useAction } from '../ui/form';
import { saveMineAsCopy } from './saveQueue';

/**
 * Saves the open drawing's shapes as a new drawing and opens that one: the way out when the
 * saved version was changed or deleted elsewhere.
 */
export function useSaveAsCopy() {
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  return useAction(
    () => dispatch(saveMineAsCopy()),
    (drawing) => void navigate(`/drawings/${drawing.id}`),
  );
}
