import { describe, expect, it } from 'vitest';
import { formatWait, toAppError } from './errors';
import { NetworkError, parseProblem, ProblemError } from './http';

describe('toAppError', () => {
  it('words a rate limit with the wait', () => {
    const error = new ProblemError(parseProblem(429, '', { code: 'rate_limited', status: 429 }, '95'));
    expect(toAppError(error)).toMatchObject({
      code: 'rate_limited',
      retryAfter: 95,
      message: 'Too many attempts. Try again in 2 minutes.',
    });
  });

  it('maps field problems to fields by the first path segment', () => {
    const body = {
      code: 'validation_failed',
      status: 422,
      errors: [
        { path: ['shapes', 3, 'x'], message: 'too big' },
        { path: ['email'], message: 'bad' },
      ],
    };
    const appError = toAppError(new ProblemError(parseProblem(422, '', body)));
    expect(appError.fields).toEqual({ shapes: 'too big', email: 'bad' });
    expect(appError.message).toBe('Please check the marked fields.');
  });

  it('gives a lost network its own kind, and hides server faults behind the request id', () => {
    expect(toAppError(new NetworkError(new TypeError('Failed to fetch')))).toMatchObject({ kind: 'network' });
    const fault = toAppError(new ProblemError(parseProblem(500, '', { code: 'internal_error', requestId: 'r-1' })));
    expect(fault.message).toBe('Something went wrong on our side (reference r-1). Please try again.');
  });

  it('says waits the way people do', () => {
    expect([1, 45, 60, 61, 3600, 3900].map(formatWait)).toEqual([
      '1 second',
      '45 seconds',
      '1 minute',
      '2 minutes',
      '1 hour',
      '1 hour 5 min',
    ]);
  });
});
