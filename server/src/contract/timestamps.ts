import { z } from 'zod';

/** An instant as every response writes it: ISO 8601 in UTC, as `Date.toJSON` gives it. */
export const Timestamp = z.iso.datetime();
