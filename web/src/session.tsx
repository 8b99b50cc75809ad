// Who is signed in, for the whole app: a Preact context over the session of
// the accounts API (docs/security.md). The cookie itself is HttpOnly, so the
// app learns about it from GET /api/v1/session; the answer's csrf_token goes
// with every state-changing request (setCsrfTokenSource) and its permissions
// decide what the app offers (nav items, route guards).
//
// A visitor who never signed in is not asked: the server would answer 401,
// which the browser logs as an error. A flag in localStorage remembers that
// this browser holds a session; only then does the app ask at start. A 401
// from any request later means the session ended (idle or expired), and the
// app signs out and says so on the login page.
import type { ComponentChildren } from "preact";
import { createContext } from "preact";
import { useContext, useEffect, useMemo, useState } from "preact/hooks";
import { setCsrfTokenSource, setUnauthorizedHandler } from "./api/http";
import { getSession, login, logout, signUp } from "./api/session";
import type { Permission, Session, SignUpInput, SignUpResult } from "./api/schema";

export type SessionState =
  | { status: "checking" }
  | { status: "signed-out"; ended: boolean } // ended: a session ran out (say so at login)
  | { status: "signed-in"; session: Session };

export interface SessionApi {
  state: SessionState;
  session: Session | null;
  can: (permission: Permission) => boolean;
  signIn: (email: string, password: string) => Promise<Session>;
  signUp: (input: SignUpInput) => Promise<SignUpResult>;
  signOut: () => Promise<void>;
}

const kHint = "kc.signed-in";

function hint(): boolean {
  try {
    return window.localStorage.getItem(kHint) === "1";
  } catch {
    return false; // storage disabled: ask the server only after a login in this tab
  }
}

function setHint(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(kHint, "1");
    else window.localStorage.removeItem(kHint);
  } catch {
    // storage disabled: nothing to remember
  }
}

const SessionContext = createContext<SessionApi | null>(null);

// The current session for CSRF, read at request time (not at render time).
let current: Session | null = null;
setCsrfTokenSource(() => current?.csrf_token ?? null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<SessionState>(() => (hint() ? { status: "checking" } : { status: "signed-out", ended: false }));

  const become = (session: Session | null, ended = false) => {
    current = session;
    setHint(session !== null);
    setState(session ? { status: "signed-in", session } : { status: "signed-out", ended });
  };

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (current) become(null, true);
    });
    if (state.status !== "checking") return;
    getSession().then(
      (session) => become(session),
      () => become(null), // a stale flag or an ended session: signed out, quietly
    );
  }, []);

  const value = useMemo<SessionApi>(() => {
    const session = state.status === "signed-in" ? state.session : null;
    return {
      state,
      session,
      can: (permission) => session?.permissions.includes(permission) ?? false,
      signIn: async (email, password) => {
        const s = await login(email, password);
        become(s);
        return s;
      },
      signUp: async (input) => {
        const made = await signUp(input);
        become(made.session);
        return made;
      },
      signOut: async () => {
        try {
          await logout();
        } finally {
          become(null);
        }
      },
    };
  }, [state]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

// Where a signed-in person starts: their own page, else the first staff page they may open.
export function homeOf(session: Session): string {
  const has = (p: Permission) => session.permissions.includes(p);
  if (has("self_service")) return "/appointments";
  if (has("schedule_read")) return "/staff/board";
  if (has("pharm_simulate")) return "/staff/simulator";
  if (has("admin_users")) return "/admin/users";
  return "/";
}

// A `next` address only when it stays inside the app ("/x", never "//host" or "http:").
export function safeNext(next: string | null): string | null {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : null;
}
