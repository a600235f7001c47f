import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library only unmounts automatically when vitest globals are on; they are not.
afterEach(() => {
  cleanup();
});
