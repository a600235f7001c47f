import { useState, type FormEvent } from 'react';
import type { Role } from '../api/types';
import type { UserFilters } from './usersSlice';

export interface UserFiltersFormProps {
  initial: UserFilters;
  roles: Role[];
  onSearch(filters: UserFilters): void;
}

/** Email prefix, role and active flag; applied on submit. */
export function UserFiltersForm({ initial, roles, onSearch }: UserFiltersFormProps) {
  const [filters, setFilters] = useState(initial);
  const change = (patch: Partial<UserFilters>) => setFilters((current) => ({ ...current, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filters);
  };

  return (
    <form className="filters card" role="search" aria-label="Filter users" onSubmit={submit}>
      <div className="field">
        <label htmlFor="filter-email">Email starts with</label>
        <input
          id="filter-email"
          type="search"
          value={filters.email}
          placeholder="ann@"
          onChange={(event) => change({ email: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-role">Role</label>
        <select id="filter-role" value={filters.role} onChange={(event) => change({ role: event.target.value })}>
          <option value="">Any role</option>
          {roles.map((role) => (
            <option key={role.name} value={role.name}>
              {role.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-active">Status</label>
        <select
          id="filter-active"
          value={filters.active}
          onChange={(event) => change({ active: event.target.value as UserFilters['active'] })}
        >
          <option value="">Any status</option>
          <option value="true">Active</option>
          <option value="false">Inactive</option>
        </select>
      </div>
      <button type="submit" className="button button-primary">
        Search
      </button>
    </form>
  );
}
