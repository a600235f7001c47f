import { describe, expect, it, vi } from 'vitest';
import { parseProblem, ProblemError, requestJson, type FetchLike } from './http';

function respondWith(body: string | null, init: ResponseInit): FetchLike {
  return vi.fn<FetchLike>(async () => new Response(body, init));
}

const problemHeaders = { 'content-type': 'application/problem+json; charset=utf-8' };

describe('requestJson', () => {
  it('resolves with the parsed JSON body of a 2xx answer', async () => {
    const fetch = respondWith('{"status":"ok"}', { status: 200, headers: { 'content-type': 'application/json' } });
    await expect(requestJson(fetch, '/healthz')).resolves.toEqual({ status: 'ok' });
  });

  it('asks for JSON and problem+json unless the caller set Accept', async () => {
    const fetch = respondWith(null, { status: 204 });
    await requestJson(fetch, '/x', { method: 'POST' });
    const init = vi.mocked(fetch).mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('accept')).toBe('application/json, application/problem+json');
  });

  it('rejects with a ProblemError carrying every problem+json field', async () => {
    const body = {
      type: 'https://easel.dev/problems/validation_failed',
      title: 'Validation failed',
      status: 400,
      detail: 'The request body is invalid.',
      code: 'validation_failed',
      requestId: 'req-123',
      errors: [{ path: ['email'], message: 'Invalid email' }],
    };
    const fetch = respondWith(JSON.stringify(body), { status: 400, headers: problemHeaders });
    const error: unknown = await requestJson(fetch, '/api/auth/register').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    const problem = (error as ProblemError).problem;
    expect(problem).toEqual({
      ...body,
      errors: [{ path: 'email', message: 'Invalid email' }],
      retryAfter: undefined,
      extensions: {},
    });
    expect((error as ProblemError).code).toBe('validation_failed');
    expect((error as ProblemError).message).toBe('The request body is invalid.');
  });

  it('turns a non-JSON error page into a ProblemError with code http_error', async () => {
    const fetch = respondWith('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' });
    const error = await requestJson(fetch, '/healthz').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem).toMatchObject({ status: 502, code: 'http_error', title: 'Bad Gateway' });
  });

  it('passes a network failure through unchanged', async () => {
    const failure = new TypeError('Failed to fetch');
    const fetch: FetchLike = async () => Promise.reject(failure);
    await expect(requestJson(fetch, '/healthz')).rejects.toBe(failure);
  });
});

describe('parseProblem', () => {
  it('falls back to the HTTP status when the body has no problem fields', () => {
    expect(parseProblem(500, '', undefined)).toEqual({
      type: 'about:blank',
      title: 'HTTP 500',
      status: 500,
      detail: undefined,
      code: 'http_error',
      requestId: undefined,
      errors: undefined,
      retryAfter: undefined,
      extensions: {},
    });
  });

  it('keeps Retry-After in seconds and the members beyond the standard ones', () => {
    const problem = parseProblem(429, '', { code: 'rate_limited', current: { version: 3 } }, '42');
    expect(problem).toMatchObject({ retryAfter: 42, extensions: { current: { version: 3 } } });
  });
});
