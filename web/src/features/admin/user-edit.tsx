// Add a staff account (POST /api/v1/users: the generated password is shown
// once) and edit one (PATCH /api/v1/users/{id}: only what changed is sent).
// The API's refusals appear next to their fields and in the summary.
import { useState } from "preact/hooks";
import { createUser, updateUser } from "../../api/admin";
import type { Account, CreatedUser } from "../../api/schema";
import { ErrorSummary } from "../../components/error-summary";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { useRequest } from "../../lib/useRequest";
import { useSubmit } from "../../lib/useSubmit";
import { Link } from "../../router";
import { useSession } from "../../session";
import { checkDraft, draftOf, emptyDraft, newUserRequest, userChange } from "./user-draft";
import { kUserFieldIds, UserFields } from "./user-fields";
import { type AdminData, loadAdminData } from "./users";

function Created({ made }: { made: CreatedUser }) {
  return (
    <div class="notice notice-success" role="status">
      <p class="notice-title">{made.user.name}'s account is created.</p>
      {made.password && (
        <p>
          Their password: <code data-testid="generated-password">{made.password}</code>. It is shown only now: give it
          to them in person or by phone, and ask them to change it after signing in (Change password).
        </p>
      )}
      <p>
        <Link href={`/admin/users/${made.user.id}`}>Edit {made.user.name}</Link> · <Link href="/admin/users">All users</Link>
      </p>
    </div>
  );
}

function NewUserForm({ data }: { data: AdminData }) {
  const [draft, setDraft] = useState(emptyDraft);
  const [made, setMade] = useState<CreatedUser | null>(null);
  const submission = useSubmit(() => createUser(newUserRequest(draft)), {
    fields: kUserFieldIds,
    validate: () => checkDraft(draft),
    onDone: (m) => {
      setMade(m);
      setDraft(emptyDraft());
    },
  });
  return (
    <>
      {made && <Created made={made} />}
      <form class="form card" onSubmit={submission.onSubmit} noValidate aria-label="New user">
        <ErrorSummary submission={submission} title="The account is not created." />
        <UserFields draft={draft} set={setDraft} errors={submission.fields} locations={data.locations} staff={data.staff}
          isNew own={false} />
        <div class="actions">
          <button class="button" type="submit" disabled={submission.pending}>
            {submission.pending ? "Creating…" : "Create account"}
          </button>
          <Link class="button button-secondary" href="/admin/users">Cancel</Link>
        </div>
      </form>
    </>
  );
}

export function NewUserPage() {
  const [state, retry] = useRequest(loadAdminData, []);
  return (
    <Page title="Add a user" lead="A staff account. A password is generated and shown once.">
      <Loaded state={state} what="the clinic's locations and staff records" retry={retry}>
        {(data) => <NewUserForm data={data} />}
      </Loaded>
    </Page>
  );
}

function EditUserForm({ user, data }: { user: Account; data: AdminData }) {
  const { session } = useSession();
  const own = session?.account.id === user.id;
  const [saved, setSaved] = useState<Account>(user);
  const [draft, setDraft] = useState(() => draftOf(user));
  const [done, setDone] = useState(false);
  const submission = useSubmit(() => updateUser(user.id, userChange(saved, draft)), {
    fields: kUserFieldIds,
    validate: () => checkDraft(draft),
    onDone: (a) => {
      setSaved(a);
      setDraft(draftOf(a));
      setDone(true);
    },
  });
  const edit = (d: typeof draft) => {
    setDone(false);
    setDraft(d);
  };
  return (
    <>
      {own && (
        <p class="notice" role="note">
          This is your own account: you may change its name. Its roles, locations, staff record and access are changed
          by another administrator.
        </p>
      )}
      {done && (
        <div class="notice notice-success" role="status">
          <p>Saved.</p>
        </div>
      )}
      <form class="form card" onSubmit={submission.onSubmit} noValidate aria-label={`Edit ${user.name}`}>
        <ErrorSummary submission={submission} title="The changes are not saved." />
        <p class="meta">{user.email} · account #{user.id}</p>
        <UserFields draft={draft} set={edit} errors={submission.fields} locations={data.locations} staff={data.staff}
          isNew={false} own={own} />
        <div class="actions">
          <button class="button" type="submit" disabled={submission.pending}>
            {submission.pending ? "Saving…" : "Save changes"}
          </button>
          <Link class="button button-secondary" href="/admin/users">All users</Link>
        </div>
      </form>
    </>
  );
}

export function EditUserPage({ id }: { id: number }) {
  const [state, retry] = useRequest(loadAdminData, [id]);
  const found = state.status === "done" ? state.data.users.find((u) => u.id === id) : undefined;
  return (
    <Page title={found ? found.name : "Edit user"}>
      <Loaded state={state} what="the user" retry={retry}>
        {(data) =>
          found ? <EditUserForm key={found.id} user={found} data={data} /> : <p role="status">No staff account #{id}.</p>
        }
      </Loaded>
    </Page>
  );
}
