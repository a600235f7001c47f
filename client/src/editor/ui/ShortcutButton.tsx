import { useAppDispatch } from '../../hooks';
import { SHORTCUTS } from '../shortcuts';
import { IconButton, type IconButtonProps } from './IconButton';
import { Icon, type IconName } from './icons';

export interface ShortcutButtonProps {
  /** The shortcut's id in SHORTCUTS: the button takes its label, keys and command from there. */
  id: string;
  tooltip?: IconButtonProps['tooltip'];
  disabled?: boolean;
  icon: IconName;
}

/** An icon button for a command that also has a key, named and hinted as the help panel lists it. */
export function ShortcutButton({ id, tooltip, disabled, icon }: ShortcutButtonProps) {
  const dispatch = useAppDispatch();
  const shortcut = SHORTCUTS.find((candidate) => candidate.id === id);
  if (!shortcut?.command) throw new Error(`No command has the shortcut id ${id}`);
  const { label, keys, command } = shortcut;
  return (
    <IconButton
      label={label}
      keys={keys || undefined}
      tooltip={tooltip}
      disabled={disabled}
      onClick={() => dispatch(command())}
    >
      <Icon name={icon} />
    </IconButton>
  );
}
