export interface LoadMoreProps {
  /** Whether the list has a next page; nothing is shown when it has none. */
  hasMore: boolean;
  loading: boolean;
  label: string;
  onLoad(): void;
}

/** The button under a paginated list that fetches its next page. */
export function LoadMore({ hasMore, loading, label, onLoad }: LoadMoreProps) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="button" disabled={loading} onClick={onLoad}>
        {loading ? 'Loading…' : label}
      </button>
    </div>
  );
}
