// A small history-based router: real paths (/clinics/allen), which the
// server answers with index.html (SPA fallback), and links that stay in the
// app. After each navigation the page's heading takes the focus, so a screen
// reader announces the new page and keyboard users start at its top.
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo(0, 0);
  listeners.forEach((notify) => notify());
}

window.addEventListener("popstate", () => listeners.forEach((notify) => notify()));

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const notify = () => setLocation(current());
    listeners.add(notify);
    // A child's effect may have navigated before this one subscribed (children's effects run first).
    setLocation((seen) => {
      const now = current();
      return now.path === seen.path && now.query.toString() === seen.query.toString() ? seen : now;
    });
    return () => void listeners.delete(notify);
  }, []);
  return location;
}

// Matches "/clinics/:id" against a path; the named parts on success.
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

type LinkProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children: ComponentChildren };

// An <a> that navigates inside the app (a modified click opens a new tab as usual).
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
