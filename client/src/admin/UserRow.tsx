import type { User } from '../api/types';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ItemAction } from '../ui/ItemAction';
import { useAction } from '../ui/form';
import { formatDateTime, formatRelative } from '../ui/format';
import { UserFactorsCell } from '../mfa/UserFactorsCell';
import { setUserActive } from './usersSlice';

export interface UserRowProps {
  user: User;
  isSelf: boolean;
  onEditRoles(user: User): void;
  onDelete(user: User): void;
}

/** One user: who, roles, status, and what an admin can do about them. */
export function UserRow({ user, isSelf, onEditRoles, onDelete }: UserRowProps) {
  const dispatch = useAppDispatch();
  const toggleActive = useAction(() => dispatch(setUserActive(user.id, !user.isActive)));
  const who = user.email;
  const toggleLabel = user.isActive ? 'Deactivate' : 'Activate';

  return (
    <tr className={user.isActive ? undefined : 'row-inactive'}>
      <td data-label="User">
        <strong className="user-email">{user.email}</strong>
        <span className="muted">{user.name || '—'}</span>
        <UserFactorsCell userId={user.id} who={who} />
        <ErrorMessage error={toggleActive.error} />
      </td>
      <td data-label="Roles">
        <span className="badges">
          {user.roles.map((role) => (
            <span key={role} className={`badge${role === 'admin' ? ' badge-accent' : ''}`}>
              {role}
            </span>
          ))}
        </span>
      </td>
      <td data-label="Status">
        <span className={`status-pill ${user.isActive ? 'status-active' : 'status-inactive'}`}>
          {user.isActive ? 'Active' : 'Inactive'}
        </span>
      </td>
      <td data-label="Joined">
        <time dateTime={user.createdAt} title={formatDateTime(user.createdAt)}>
          {formatRelative(user.createdAt)}
        </time>
      </td>
      <td data-label="Actions" className="row-actions">
        <ItemAction label="Roles" name={`Roles of ${who}`} onClick={() => onEditRoles(user)} />
        <ItemAction
          label={toggleLabel}
          name={`${toggleLabel} ${who}`}
          disabled={toggleActive.busy || isSelf}
          onClick={() => void toggleActive.run()}
        />
        <ItemAction
          label="Delete"
          name={`Delete ${who}`}
          className="button-danger-text"
          disabled={isSelf}
          onClick={() => onDelete(user)}
        />
      </td>
    </tr>
  );
}
