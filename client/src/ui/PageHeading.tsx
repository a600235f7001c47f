import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's <h1>. It takes focus when the page opens, so a screen reader announces the new page
 * after a client-side navigation, and it sets the document title.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Easel`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
