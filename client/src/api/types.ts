/**
 * The API's resource shapes, from the contract module the server validates and answers with;
 * only what exists on the client alone (the in-memory session) is declared here.
 */
import type { PublicUser, SessionResponse, SessionView, RoleView, DrawingSummary, Page } from '../contract';
import type { Shape } from '../editor/shapes';

export type { DrawingSummary, Page, SessionResponse };
export type User = PublicUser;
export type DeviceSession = SessionView;
export type Role = RoleView;

/** The session as the SPA keeps it in memory: `expiresAt` is on this tab's clock (ms). */
export interface Session {
  accessToken: string;
  expiresAt: number;
  /** Seconds the token was issued for; it sets how early the next refresh starts. */
  lifetime: number;
  user: User;
}

/** A drawing as the editor holds it: its shapes are the editor's own type. */
export interface Drawing extends DrawingSummary {
  shapes: Shape[];
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Registration extends Credentials {
  name?: string;
}
