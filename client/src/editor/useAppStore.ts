import { useStore } from 'react-redux';
import type { AppStore } from '../store';

/** The store itself, for canvas code that reads state between pointer events rather than rendering it. */
export const useAppStore = useStore.withTypes<AppStore>();
