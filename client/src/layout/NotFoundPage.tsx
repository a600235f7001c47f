import { Link } from 'react-router';
import { PageHeading } from '../ui/PageHeading';

export function NotFoundPage() {
  return (
    <div className="page page-narrow empty-state">
      <PageHeading title="Page not found" />
      <p className="muted">There is nothing here, or it is not yours to see.</p>
      <Link className="button button-primary" to="/drawings">
        Go to my drawings
      </Link>
    </div>
  );
}
