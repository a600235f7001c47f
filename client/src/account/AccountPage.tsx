import { selectCurrentUser } from '../auth/authSlice';
import { useAppSelector } from '../hooks';
import { LinkedAccounts } from '../oidc/LinkedAccounts';
import { PageHeading } from '../ui/PageHeading';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import { SessionsList } from './SessionsList';

export function AccountPage() {
  const user = useAppSelector(selectCurrentUser);
  if (!user) return null;
  return (
    <div className="page page-narrow">
      <PageHeading title="Account and security" />
      <section className="card section" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <ProfileForm user={user} />
      </section>
      <section className="card section" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <PasswordForm />
      </section>
      <section className="card section" aria-labelledby="linked-heading">
        <h2 id="linked-heading">Linked accounts</h2>
        <LinkedAccounts />
      </section>
      <section className="card section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <SessionsList />
      </section>
    </div>
  );
}
