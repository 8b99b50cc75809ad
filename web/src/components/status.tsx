// Loading and error states shared by every page: each request shows one or the other.
import type { ComponentChildren } from "preact";
import type { RequestState } from "../lib/useRequest";

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

export function ErrorNotice({ error, retry, title }: { error: Error; retry?: () => void; title?: string }) {
  return (
    <div class="notice notice-error" role="alert">
      {title && <p class="notice-title">{title}</p>}
      <p>{error.message}</p>
      {retry && (
        <button type="button" class="button button-secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

// Renders `children(data)` once loaded, a loading line or an error with a retry before.
export function Loaded<T>(props: {
  state: RequestState<T>;
  what: string;
  retry: () => void;
  children: (data: T) => ComponentChildren;
}) {
  const { state } = props;
  if (state.status === "loading") return <Loading what={props.what} />;
  if (state.status === "error") return <ErrorNotice error={state.error} retry={props.retry} title={`We could not load ${props.what}.`} />;
  return <>{props.children(state.data)}</>;
}
