/**
 * The API's resource shapes as docs/api.md describes them. They are written out here because the
 * server declares them next to Prisma types, which the browser build cannot import; the shared
 * contract module (`../contract`) holds what is pure (shape schema, limits, error codes).
 */
import type { Shape } from '../editor/shapes';

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  isActive: boolean;
  emailVerified: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

/** What login, register and refresh answer. The refresh token itself is only ever a cookie. */
export interface SessionResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives (ACCESS_TOKEN_TTL). */
  expiresIn: number;
  user: User;
}

/** The session as the SPA keeps it in memory: `expiresAt` is on this tab's clock (ms). */
export interface Session {
  accessToken: string;
  expiresAt: number;
  /** Seconds the token was issued for; it sets how early the next refresh starts. */
  lifetime: number;
  user: User;
}

/** One refresh family: a signed-in browser or device. */
export interface DeviceSession {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

export interface Role {
  name: string;
  description: string;
  builtIn: boolean;
  createdAt: string;
}

export interface DrawingSummary {
  id: string;
  title: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The editor draws a subset of the stored shape types; the editor owns that type. */
export interface Drawing extends DrawingSummary {
  shapes: Shape[];
}

/** Every list answers one page: pass `nextCursor` back as `cursor` until it is null. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Registration extends Credentials {
  name?: string;
}
