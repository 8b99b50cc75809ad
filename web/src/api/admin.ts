// Administration: staff accounts, the directory's staff records they link to,
// and the audit trail (admin_users, audit_read).
import { request } from "./http";
import type * as T from "./schema";

export const listUsers = (signal?: AbortSignal) =>
  request<{ users: T.Account[] }>("GET", "/api/v1/users", { signal }).then((r) => r.users);

export const createUser = (input: T.UserRequest) => request<T.CreatedUser>("POST", "/api/v1/users", { body: input });

export const updateUser = (id: number, change: T.UserChange) =>
  request<T.Account>("PATCH", `/api/v1/users/${id}`, { body: change });

export const listStaffRecords = (signal?: AbortSignal) =>
  request<{ staff: T.StaffRecord[] }>("GET", "/api/v1/staff", { signal }).then((r) => r.staff);

export const queryAudit = (query: T.AuditQuery, signal?: AbortSignal) =>
  request<T.AuditPage>("GET", "/api/v1/audit", { query: { ...query }, signal });
