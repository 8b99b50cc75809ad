// Crisis resources from the server (data/safety/crisis_resources.json), shown
// the moment a questionnaire answer raises an urgent safety flag: the message,
// then each resource with buttons that call, text or open its chat. The panel
// takes the focus and is announced, so nobody has to look for it.
import { useEffect, useRef } from "preact/hooks";
import type { CrisisResources } from "../api/schema";

// A phone number a resource names in its id ("988", "911"), for tel: and sms: links.
const kDialable = /^\d{3,}$/;

// The clinic that will call back: its phone and the response time it commits to.
function ClinicContact({ clinic }: { clinic?: CrisisResources["clinic"] }) {
  if (!clinic) return <p>Your answers have reached your care team.</p>;
  return (
    <div class="crisis-clinic" data-testid="crisis-clinic">
      <p>
        Your answers have reached your care team at {clinic.name}. {clinic.response_time}
      </p>
      {clinic.phone && (
        <p class="crisis-actions">
          <a class="button button-secondary" href={`tel:${clinic.phone.replace(/[^\d+]/g, "")}`}>
            Call {clinic.name}: {clinic.phone}
          </a>
        </p>
      )}
    </div>
  );
}

export function CrisisResourcesPanel({ crisis }: { crisis: CrisisResources }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="crisis-panel" role="alert" aria-labelledby="crisis-heading" data-testid="crisis-resources">
      <h2 id="crisis-heading" tabIndex={-1} ref={heading}>
        Help is available now
      </h2>
      <p class="crisis-message">{crisis.message}</p>
      <ul class="crisis-list">
        {crisis.resources.map((r) => (
          <li key={r.id}>
            <h3>{r.name}</h3>
            <p>{r.instructions}</p>
            <p class="crisis-actions">
              {kDialable.test(r.id) && (
                <a class="button" href={`tel:${r.id}`}>
                  Call {r.id}
                </a>
              )}
              {r.id === "988" && (
                <a class="button button-secondary" href={`sms:${r.id}`}>
                  Text {r.id}
                </a>
              )}
              {r.url && (
                <a class="button button-secondary" href={r.url} target="_blank" rel="noopener noreferrer">
                  Chat at {new URL(r.url).host}
                </a>
              )}
            </p>
          </li>
        ))}
      </ul>
      <ClinicContact clinic={crisis.clinic} />
    </section>
  );
}
