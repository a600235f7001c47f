import { useState } from 'react';
import type { User } from '../api/types';
import { useAppDispatch, useAppSelector, useLoad, useLoadMore, useLoadOnMount } from '../hooks';
import { ConfirmDelete, useQuestion } from '../ui/ConfirmDialog';
import { LoadMore } from '../ui/LoadMore';
import { LoadStatus } from '../ui/LoadStatus';
import { PageHeading } from '../ui/PageHeading';
import { RolesDialog } from './RolesDialog';
import { fetchRoles, selectRoles } from './rolesSlice';
import { UserFiltersForm } from './UserFiltersForm';
import { UsersTable } from './UsersTable';
import {
  deleteUser,
  fetchMoreUsers,
  fetchUsers,
  searchUsers,
  selectHasMoreUsers,
  selectUserFilters,
  selectUsers,
  selectUsersError,
  selectUsersStatus,
} from './usersSlice';

/** Admin: find users, (de)activate them, change their roles, delete them. */
export function UsersPage() {
  const dispatch = useAppDispatch();
  const users = useAppSelector(selectUsers);
  const filters = useAppSelector(selectUserFilters);
  const roles = useAppSelector(selectRoles);
  const [editingRoles, setEditingRoles] = useState<string | null>(null);
  const deleting = useQuestion<User>();
  const progress = useLoad(fetchUsers, selectUsersStatus, selectUsersError);
  const more = useLoadMore(fetchMoreUsers, selectHasMoreUsers, progress);
  useLoadOnMount(fetchRoles);

  // The dialog follows the list, so a role change shows in it at once.
  const rolesOf = users.find((user) => user.id === editingRoles) ?? null;

  return (
    <div className="page">
      <PageHeading title="Users" />
      <UserFiltersForm initial={filters} roles={roles} onSearch={(next) => void dispatch(searchUsers(next))} />
      <LoadStatus progress={progress} loadingLabel="Searching…" />
      {progress.status === 'succeeded' && users.length === 0 && (
        <p className="card empty-state">No user matches these filters.</p>
      )}
      {users.length > 0 && (
        <UsersTable users={users} onEditRoles={(target) => setEditingRoles(target.id)} onDelete={deleting.ask} />
      )}
      <LoadMore {...more} label="Show more users" />
      <RolesDialog user={rolesOf} roles={roles} onClose={() => setEditingRoles(null)} />
      <ConfirmDelete what="user" question={deleting} onConfirm={(user) => dispatch(deleteUser(user.id))}>
        {(user) => (
          <p>
            <strong>{user.email}</strong> and all their drawings and sessions will be deleted. This cannot be undone. To
            keep their data, deactivate the account instead.
          </p>
        )}
      </ConfirmDelete>
    </div>
  );
}
