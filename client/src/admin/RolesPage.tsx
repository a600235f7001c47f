import { useState } from 'react';
import { succeeded } from '../api/errors';
import type { Role } from '../api/types';
import { useAppDispatch, useAppSelector, useLoadOnMount } from '../hooks';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { fieldError, formError, useSubmit, useTextFields } from '../ui/form';
import { formatRelative } from '../ui/format';
import { LoadStatus } from '../ui/LoadStatus';
import { PageHeading } from '../ui/PageHeading';
import { SubmitRow } from '../ui/SubmitRow';
import { createRole, deleteRole, fetchRoles, selectRoles, selectRolesError, selectRolesStatus } from './rolesSlice';

function NewRoleForm() {
  const dispatch = useAppDispatch();
  const { values, bind, reset } = useTextFields({ name: '', description: '' });
  const { busy, error, onSubmit } = useSubmit(
    () => dispatch(createRole({ name: values.name.trim(), description: values.description.trim() })),
    () => reset(),
  );

  return (
    <form className="form inline-form" onSubmit={onSubmit} noValidate>
      <Field
        label="Name"
        {...bind('name')}
        error={fieldError(error, 'name', ['role_exists'])}
        hint="2-32 characters: a-z, 0-9, _ and -, starting with a letter."
      />
      <Field label="Description" {...bind('description')} error={error?.fields.description} />
      <ErrorMessage error={formError(error, ['role_exists'])} />
      <SubmitRow label="Create role" busyLabel="Creating…" busy={busy} disabled={values.name.trim() === ''} />
    </form>
  );
}

/** Admin: the roles there are; custom ones can be added and deleted. */
export function RolesPage() {
  const dispatch = useAppDispatch();
  const roles = useAppSelector(selectRoles);
  const status = useAppSelector(selectRolesStatus);
  const error = useAppSelector(selectRolesError);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const reload = useLoadOnMount(fetchRoles);

  return (
    <div className="page page-narrow">
      <PageHeading title="Roles" />
      <LoadStatus
        loading={status === 'loading' && roles.length === 0}
        loadingLabel="Loading roles…"
        error={error}
        onRetry={reload}
      />
      <ul className="card role-list" aria-label="Roles">
        {roles.map((role) => (
          <li key={role.name} className="role-item">
            <div className="role-text">
              <strong>
                {role.name}
                {role.builtIn && <span className="badge">Built in</span>}
              </strong>
              <span className="muted">
                {role.description || 'No description'} · created {formatRelative(role.createdAt)}
              </span>
            </div>
            {!role.builtIn && (
              <button
                type="button"
                className="button button-small button-danger-text"
                aria-label={`Delete role ${role.name}`}
                onClick={() => setDeleting(role)}
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      <section className="card section" aria-labelledby="new-role-heading">
        <h2 id="new-role-heading">New role</h2>
        <NewRoleForm />
      </section>
      <ConfirmDialog
        title="Delete role?"
        confirmLabel="Delete role"
        danger
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={async () => (deleting ? dispatch(deleteRole(deleting.name)) : succeeded(undefined))}
      >
        <p>
          Users holding <strong>{deleting?.name}</strong> lose it and are signed out everywhere.
        </p>
      </ConfirmDialog>
    </div>
  );
}
