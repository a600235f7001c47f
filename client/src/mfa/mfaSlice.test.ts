import { describe, expect, it } from 'vitest';
import { changePassword } from '../account/accountSlice';
import { createFakeBackend, jsonResponse, problemResponse, signedInStore } from '../test/fakes';
import { selectStepUpOpen, settleStepUp, stepUp, stepUpClosed } from './mfaSlice';

const change = { currentPassword: 'old password here', newPassword: 'a new password here' };

describe('step-up', () => {
  it('opens the prompt on 403 step_up_required and retries the action once after a proof', async () => {
    const backend = createFakeBackend();
    let steppedUp = false;
    backend.route('POST /api/auth/password/change', () =>
      steppedUp ? new Response(null, { status: 204 }) : problemResponse(403, 'step_up_required'),
    );
    backend.route('POST /api/auth/mfa/step-up', () => {
      steppedUp = true;
      return jsonResponse({ mfaVerifiedAt: '2026-01-01T00:00:00.000Z', validUntil: '2026-01-01T00:10:00.000Z' });
    });
    backend.route('GET /api/auth/sessions', () => jsonResponse({ items: [], nextCursor: null }));
    backend.route('GET /api/auth/mfa', () =>
      jsonResponse({
        enabled: true,
        totp: true,
        passkeys: 0,
        recoveryCodesLeft: 10,
        passkeyList: [],
        stepUpUntil: null,
      }),
    );
    const store = signedInStore(backend);

    const pending = store.dispatch(changePassword(change));
    await expect.poll(() => selectStepUpOpen(store.getState())).toBe(true);
    expect((await store.dispatch(stepUp({ code: '123456' }))).ok).toBe(true);
    store.dispatch(stepUpClosed());
    settleStepUp(true);
    expect((await pending).ok).toBe(true);
    const calls = backend.calls.filter((c) => c.path === '/api/auth/password/change');
    expect(calls).toHaveLength(2);
    expect(backend.calls.find((c) => c.path === '/api/auth/mfa/step-up')?.body).toEqual({ code: '123456' });
  });

  it('gives the original refusal back when the prompt is cancelled', async () => {
    const backend = createFakeBackend();
    backend.route('POST /api/auth/password/change', () => problemResponse(403, 'step_up_required'));
    const store = signedInStore(backend);
    const pending = store.dispatch(changePassword(change));
    await expect.poll(() => selectStepUpOpen(store.getState())).toBe(true);
    store.dispatch(stepUpClosed());
    settleStepUp(false);
    const outcome = await pending;
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe('step_up_required');
    expect(backend.calls.filter((c) => c.path === '/api/auth/password/change')).toHaveLength(1);
  });
});
