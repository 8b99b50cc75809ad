// The fields of a staff account (Users screen): name, roles, locations, the
// staff record it signs as, and (when editing) whether it may sign in. Each
// shows the API's error for its field next to it (useSubmit).
import type { ComponentChildren } from "preact";
import type { Location, StaffRecord } from "../../api/schema";
import { Field, Input } from "../../components/field";
import type { FieldErrors } from "../../lib/form-state";
import { kStaffRoles, type StaffRole, type UserDraft } from "./user-draft";

// The control ids by API field name: the error summary links to them.
export const kUserFieldIds = {
  email: "user-email",
  name: "user-name",
  roles: "user-role-front_desk",
  locations: "user-locations-first",
  staff_code: "user-staff-code",
  disabled: "user-disabled",
};

function CheckGroup(props: { legend: string; hint?: string; error?: string; name: string; children: ComponentChildren }) {
  const describedBy = [props.hint && `${props.name}-hint`, props.error && `${props.name}-error`].filter(Boolean).join(" ");
  return (
    <fieldset class="check-group" aria-describedby={describedBy || undefined}>
      <legend class="legend">{props.legend}</legend>
      {props.hint && <p class="hint" id={`${props.name}-hint`}>{props.hint}</p>}
      {props.children}
      {props.error && <p class="field-error" id={`${props.name}-error`}>{props.error}</p>}
    </fieldset>
  );
}

const toggled = <T,>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

export function staffRecordLabel(r: StaffRecord): string {
  return `${r.name} (${r.code}): ${r.roles.join(", ")} at ${r.locations.join(", ") || "no location"}`;
}

export interface UserFieldsProps {
  draft: UserDraft;
  set: (d: UserDraft) => void;
  errors: FieldErrors;
  locations: Location[];
  staff: StaffRecord[];
  isNew: boolean;
  own: boolean; // one's own account: grants are another administrator's to change
}

export function UserFields({ draft, set, errors, locations, staff, isNew, own }: UserFieldsProps) {
  const roleError = errors.roles ?? Object.entries(errors).find(([k]) => k.startsWith("roles["))?.[1];
  const locationError = errors.locations ?? Object.entries(errors).find(([k]) => k.startsWith("locations["))?.[1];
  return (
    <>
      {isNew && (
        <Field id={kUserFieldIds.email} label="Email" hint="They sign in with it." error={errors.email}>
          {(a) => <Input {...a} type="email" value={draft.email} onValue={(email) => set({ ...draft, email })} autocomplete="off" autoCapitalize="none" />}
        </Field>
      )}
      <Field id={kUserFieldIds.name} label="Name" error={errors.name}>
        {(a) => <Input {...a} value={draft.name} onValue={(name) => set({ ...draft, name })} autocomplete="off" maxLength={200} />}
      </Field>
      <CheckGroup legend="Roles" name="user-roles" error={roleError}
        hint={own ? "Your own roles are changed by another administrator." : "What the account may do (docs/security.md)."}>
        {kStaffRoles.map(({ role, label }) => (
          <label class="check" key={role}>
            <input type="checkbox" id={`user-role-${role}`} checked={draft.roles.includes(role)} disabled={own}
              onChange={(e) => set({ ...draft, roles: toggled<StaffRole>(draft.roles, role, (e.target as HTMLInputElement).checked) })} />
            {label}
          </label>
        ))}
      </CheckGroup>
      <CheckGroup legend="Locations" name="user-locations" error={locationError}
        hint="Where they work: front desk, nurses and prescribers see the patients and schedule of these locations.">
        {locations.map((l, i) => (
          <label class="check" key={l.id}>
            <input type="checkbox" id={i === 0 ? kUserFieldIds.locations : `user-location-${l.id}`} disabled={own}
              checked={draft.locations.includes(l.id)}
              onChange={(e) => set({ ...draft, locations: toggled(draft.locations, l.id, (e.target as HTMLInputElement).checked) })} />
            {l.name}
          </label>
        ))}
      </CheckGroup>
      <Field id={kUserFieldIds.staff_code} label="Staff record" error={errors.staff_code}
        hint="The clinic directory's record this account signs clinical writes as (acknowledgements, decisions). A nurse or prescriber account needs a record with that role.">
        {(a) => (
          <select {...a} class="input" value={draft.staffCode} disabled={own}
            onChange={(e) => set({ ...draft, staffCode: (e.target as HTMLSelectElement).value })}>
            <option value="">Not linked</option>
            {staff.map((r) => (
              <option key={r.code} value={r.code}>{staffRecordLabel(r)}</option>
            ))}
          </select>
        )}
      </Field>
      {!isNew && (
        <label class="check">
          <input type="checkbox" id={kUserFieldIds.disabled} checked={draft.disabled} disabled={own}
            onChange={(e) => set({ ...draft, disabled: (e.target as HTMLInputElement).checked })} />
          Disabled: cannot sign in (ends the account's sessions and tokens at once)
        </label>
      )}
    </>
  );
}
