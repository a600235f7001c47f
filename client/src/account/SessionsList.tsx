import type { DeviceSession } from '../api/types';
import { signOutEverywhere } from '../auth/authSlice';
import { useAppDispatch, useAppSelector, useLoad } from '../hooks';
import { ConfirmDialog, useQuestion } from '../ui/ConfirmDialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useAction } from '../ui/form';
import { LoadStatus } from '../ui/LoadStatus';
import { formatDateTime, formatRelative } from '../ui/format';
import {
  fetchSessions,
  revokeSession,
  selectDeviceSessions,
  selectDeviceSessionsError,
  selectDeviceSessionsStatus,
} from './accountSlice';
import { describeDevice } from './describe-device';

function SessionItem({ session }: { session: DeviceSession }) {
  const dispatch = useAppDispatch();
  const revoke = useAction(() => dispatch(revokeSession(session.id)));
  const device = describeDevice(session.userAgent);

  return (
    <li className="session-item">
      <div className="session-text">
        <strong>
          {device}
          {session.current && <span className="badge badge-accent">This device</span>}
        </strong>
        <span className="muted">
          Last used <time dateTime={session.lastUsedAt}>{formatRelative(session.lastUsedAt)}</time>
          {session.ip ? ` · ${session.ip}` : ''} · signed in {formatDateTime(session.createdAt)}
        </span>
        <ErrorMessage error={revoke.error} />
      </div>
      {!session.current && (
        <button
          type="button"
          className="button button-small"
          disabled={revoke.busy}
          aria-label={`Sign out ${device}, last used ${formatRelative(session.lastUsedAt)}`}
          onClick={() => void revoke.run()}
        >
          Sign out
        </button>
      )}
    </li>
  );
}

/** The devices signed in to this account; any other can be signed out, or all at once. */
export function SessionsList() {
  const dispatch = useAppDispatch();
  const sessions = useAppSelector(selectDeviceSessions);
  const progress = useLoad(fetchSessions, selectDeviceSessionsStatus, selectDeviceSessionsError);
  const signOutAll = useQuestion();

  return (
    <>
      <LoadStatus progress={progress} loadingLabel="Loading your sessions…" hasContent={sessions.length > 0} />
      <ul className="session-list" aria-label="Signed-in devices">
        {sessions.map((session) => (
          <SessionItem key={session.id} session={session} />
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={() => signOutAll.ask()}>
          Sign out everywhere
        </button>
      </div>
      <ConfirmDialog
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        question={signOutAll}
        onConfirm={() => dispatch(signOutEverywhere())}
      >
        <p>Every device signed in to your account is signed out, this one too.</p>
      </ConfirmDialog>
    </>
  );
}
