import { useState } from 'react';
import type { AppError } from '../api/errors';
import type { Role, User } from '../api/types';
import { useAppDispatch } from '../hooks';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { setUserRole } from './usersSlice';

export interface RolesDialogProps {
  user: User | null;
  roles: Role[];
  onClose(): void;
}

/** Grants and removes roles one checkbox at a time; each change is saved at once. */
export function RolesDialog({ user, roles, onClose }: RolesDialogProps) {
  return (
    <Dialog title={user ? `Roles of ${user.email}` : 'Roles'} open={user !== null} onClose={onClose}>
      {user && <RoleChoices user={user} roles={roles} onClose={onClose} />}
    </Dialog>
  );
}

function RoleChoices({ user, roles, onClose }: { user: User; roles: Role[]; onClose(): void }) {
  const dispatch = useAppDispatch();
  // The box shows the user's choice at once; it settles to what the server says when it answers.
  const [pending, setPending] = useState<{ role: string; held: boolean } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const toggle = async (role: string, held: boolean) => {
    setPending({ role, held });
    const outcome = await dispatch(setUserRole(user.id, role, held));
    setPending(null);
    setError(outcome.ok ? null : outcome.error);
  };

  return (
    <>
      <div className="dialog-body">
        <p className="muted">Removing a role signs the user out everywhere, so their next session has the new roles.</p>
        <fieldset className="role-choices">
          <legend className="visually-hidden">Roles</legend>
          {roles.map((role) => (
            <label key={role.name} className="checkbox">
              <input
                type="checkbox"
                checked={pending?.role === role.name ? pending.held : user.roles.includes(role.name)}
                disabled={pending !== null}
                onChange={(event) => void toggle(role.name, event.target.checked)}
              />
              <span>
                <strong>{role.name}</strong>
                {role.description && <span className="muted"> — {role.description}</span>}
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <ErrorMessage error={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}
