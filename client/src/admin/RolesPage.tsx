import type { Role } from '../api/types';
import { useAppDispatch, useAppSelector, useLoad } from '../hooks';
import { ConfirmDelete, useQuestion } from '../ui/ConfirmDialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { fieldError, formError, useSubmit, useTextFields } from '../ui/form';
import { formatRelative } from '../ui/format';
import { ItemAction } from '../ui/ItemAction';
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
  const progress = useLoad(fetchRoles, selectRolesStatus, selectRolesError);
  const deleting = useQuestion<Role>();

  return (
    <div className="page page-narrow">
      <PageHeading title="Roles" />
      <LoadStatus progress={progress} loadingLabel="Loading roles…" hasContent={roles.length > 0} />
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
              <ItemAction
                label="Delete"
                name={`Delete role ${role.name}`}
                className="button-danger-text"
                onClick={() => deleting.ask(role)}
              />
            )}
          </li>
        ))}
      </ul>
      <section className="card section" aria-labelledby="new-role-heading">
        <h2 id="new-role-heading">New role</h2>
        <NewRoleForm />
      </section>
      <ConfirmDelete what="role" question={deleting} onConfirm={(role) => dispatch(deleteRole(role.name))}>
        {(role) => (
          <p>
            Users holding <strong>{role.name}</strong> lose it and are signed out everywhere.
          </p>
        )}
      </ConfirmDelete>
    </div>
  );
}
