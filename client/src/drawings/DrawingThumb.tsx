/** A decorative stand-in for a preview: lists carry no shapes, so every card shows the same sketch. */
export function DrawingThumb({ className = 'drawing-thumb' }: { className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 240 128"
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="52" y="28" width="84" height="52" rx="2" fill="#a5d8ff" stroke="#1971c2" strokeWidth="2" />
      <ellipse cx="164" cy="78" rx="44" ry="28" fill="#b2f2bb" stroke="#2f9e44" strokeWidth="2" />
    </svg>
  );
}
