import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../hooks';
import {
  fetchHealth,
  selectHealthError,
  selectHealthReport,
  selectHealthStatus,
  type HealthError,
  type HealthReport,
  type HealthStatus,
} from './healthSlice';

function describeHealth(status: HealthStatus, report: HealthReport | null, error: HealthError | null): string {
  if (status === 'succeeded' && report) return `API: ${report.status}`;
  if (status === 'failed') return `API: unavailable (${error?.code ?? 'unknown'})`;
  return 'API: checking…';
}

/** Checks the API once on mount and shows the answer. */
export function HealthIndicator() {
  const status = useAppSelector(selectHealthStatus);
  const report = useAppSelector(selectHealthReport);
  const error = useAppSelector(selectHealthError);
  const dispatch = useAppDispatch();

  useEffect(() => {
    void dispatch(fetchHealth());
  }, [dispatch]);

  return (
    <span role="status" className={`health health-${status}`} title={error?.message}>
      {describeHealth(status, report, error)}
    </span>
  );
}
