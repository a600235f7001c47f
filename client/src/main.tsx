import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './App';
import { restoreSession } from './auth/authSlice';
import { createAppStore } from './store';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const store = createAppStore();

// The session comes back from the HttpOnly refresh cookie, if there is one; the splash shows
// until it is known.
void store.dispatch(restoreSession());

// A tab that was hidden or offline may hold an expired token: renew it before the user acts.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void store.api.wake();
});
window.addEventListener('online', () => void store.api.wake());

createRoot(container).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
