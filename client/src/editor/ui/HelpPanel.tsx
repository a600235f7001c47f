import { useEffect, useId, useRef } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks';
import { helpToggled } from '../editorActions';
import { selectHelpOpen } from '../editorSelectors';
import { SHORTCUTS, type Shortcut } from '../shortcuts';
import { IconButton } from './IconButton';
import { Icon } from './icons';

const GROUPS: Shortcut['group'][] = ['Tools', 'Edit', 'Arrange', 'View'];

/** The list of shortcuts (`?`): a dialog over the canvas, closed by Escape, its button or `?`. */
export function HelpPanel() {
  const open = useAppSelector(selectHelpOpen);
  const dispatch = useAppDispatch();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="ed-help-backdrop" onPointerDown={() => dispatch(helpToggled(false))}>
      <div
        className="ed-panel ed-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onPointerDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          // Modal: Tab stays on the dialog's one control instead of wandering behind it.
          if (event.key !== 'Tab') return;
          event.preventDefault();
          closeRef.current?.focus();
        }}
      >
        <header className="ed-help-header">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <IconButton ref={closeRef} label="Close" keys="Escape" onClick={() => dispatch(helpToggled(false))}>
            <Icon name="close" />
          </IconButton>
        </header>
        <div className="ed-help-columns">
          {GROUPS.map((group) => (
            <section key={group} aria-label={group}>
              <h3>{group}</h3>
              <dl>
                {SHORTCUTS.filter((s) => s.group === group && s.label && s.keys).map((s) => (
                  <div key={s.id} className="ed-help-item">
                    <dt>{s.label}</dt>
                    <dd>
                      <kbd>{s.keys}</kbd>
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
