import type { User } from '../api/types';
import { selectCurrentUser } from '../auth/authSlice';
import { useAppSelector } from '../hooks';
import { UserRow } from './UserRow';

export interface UsersTableProps {
  users: User[];
  onEditRoles(user: User): void;
  onDelete(user: User): void;
}

/** The users found, a row each; on the admin's own row, deactivating and deleting are disabled. */
export function UsersTable({ users, onEditRoles, onDelete }: UsersTableProps) {
  const me = useAppSelector(selectCurrentUser);
  return (
    <div className="card table-card">
      <table className="table responsive-table">
        <caption className="visually-hidden">Users, newest first</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === me?.id}
              onEditRoles={onEditRoles}
              onDelete={onDelete}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
