import type { ComponentPropsWithoutRef } from 'react';

export interface ItemActionProps extends Omit<ComponentPropsWithoutRef<'button'>, 'type' | 'children'> {
  /** The visible word: "Rename". */
  label: string;
  /** The accessible name, which says which item it acts on: "Rename Sketch". */
  name: string;
}

/** A small button that acts on one item of a list or table. */
export function ItemAction({ label, name, className, ...rest }: ItemActionProps) {
  return (
    <button
      type="button"
      className={`button button-small${className ? ` ${className}` : ''}`}
      aria-label={name}
      {...rest}
    >
      {label}
    </button>
  );
}
