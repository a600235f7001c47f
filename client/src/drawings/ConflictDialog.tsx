import { selectShapes } from '../editor/editorSlice';
import { useAppDispatch, useAppSelector } from '../hooks';
import { ChoiceDialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatRelative } from '../ui/format';
import { selectTheirs } from './openDrawingSlice';
import { keepMine, keepTheirs } from './saveQueue';
import { useSaveAsCopy } from './useSaveAsCopy';

const shapeCount = (count: number) => (count === 1 ? '1 shape' : `${count.toLocaleString()} shapes`);

interface ChoiceProps {
  title: string;
  detail: string;
  primary?: boolean;
  disabled: boolean;
  onChoose(): void;
}

function Choice({ title, detail, primary, disabled, onChoose }: ChoiceProps) {
  return (
    <button
      type="button"
      className={`choice${primary ? ' choice-primary' : ''}`}
      disabled={disabled}
      onClick={onChoose}
    >
      <span className="choice-title">{title}</span>
      <span className="choice-detail">{detail}</span>
    </button>
  );
}

/**
 * After a 409: someone saved this drawing first. The person picks which copy wins; the dialog
 * cannot be dismissed without a choice, so a conflict is never swallowed.
 */
export function ConflictDialog() {
  const theirs = useAppSelector(selectTheirs);
  const mine = useAppSelector(selectShapes);
  const dispatch = useAppDispatch();
  const copy = useSaveAsCopy();

  const choices = (
    <>
      <div className="choice-list">
        <Choice
          primary
          title="Keep mine"
          detail="Replace the saved version with yours."
          disabled={copy.busy}
          onChoose={() => void dispatch(keepMine())}
        />
        <Choice
          title="Take the saved version"
          detail="Discard your unsaved changes and load what was saved."
          disabled={copy.busy}
          onChoose={() => dispatch(keepTheirs())}
        />
        <Choice
          title={copy.busy ? 'Saving a copy…' : 'Save mine as a copy'}
          detail="Keep the saved version here and put yours in a new drawing."
          disabled={copy.busy}
          onChoose={() => void copy.run()}
        />
      </div>
      <ErrorMessage error={copy.error} />
    </>
  );

  return (
    <ChoiceDialog title="This drawing was changed elsewhere" subject={theirs} choices={choices}>
      {(saved) => (
        <>
          <p>
            While you were editing, this drawing was saved from another tab or device {formatRelative(saved.updatedAt)}.
            Your latest changes are not saved yet: choose which version to keep.
          </p>
          <dl className="conflict-compare">
            <div>
              <dt>Your version</dt>
              <dd>{shapeCount(mine.length)}</dd>
            </div>
            <div>
              <dt>Saved version</dt>
              <dd>{shapeCount(saved.shapes.length)}</dd>
            </div>
          </dl>
        </>
      )}
    </ChoiceDialog>
  );
}
