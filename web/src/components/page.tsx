// A page: its title in the tab, and a heading that takes the focus after
// in-app navigation (the router's contract, see router.tsx).
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

let firstPage = true;

export function Page(props: { title: string; lead?: ComponentChildren; children: ComponentChildren; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · ketaclinic`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [props.title]);
  return (
    <div class={props.wide ? "page page-wide" : "page"}>
      <h1 tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {props.lead && <p class="lead">{props.lead}</p>}
      {props.children}
    </div>
  );
}
