// Accounts and sessions: sign up (patient record, login and session at once),
// log in, the current session, log out, change the password.
import { request } from "./http";
import type * as T from "./schema";

export const signUp = (input: T.SignUpInput) => request<T.SignUpResult>("POST", "/api/v1/accounts", { body: input });

export const login = (email: string, password: string) =>
  request<T.Session>("POST", "/api/v1/session", { body: { email, password } });

export const getSession = (signal?: AbortSignal) => request<T.Session>("GET", "/api/v1/session", { signal });

export const logout = () => request<null>("DELETE", "/api/v1/session");

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<null>("POST", "/api/v1/session/password", {
    body: { current_password: currentPassword, new_password: newPassword },
  });
