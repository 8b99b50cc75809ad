// Users (admin_users): every staff account with its roles, locations, the
// staff record it signs as and whether it may sign in; links to add one and
// to edit each. Patients' accounts are made by sign-up and are not listed.
import { listStaffRecords, listUsers } from "../../api/admin";
import { listLocations } from "../../api/locations";
import type { Account, Location, StaffRecord } from "../../api/schema";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { useRequest } from "../../lib/useRequest";
import { Link } from "../../router";
import { kStaffRoles } from "./user-draft";

export interface AdminData {
  users: Account[];
  staff: StaffRecord[];
  locations: Location[];
}

// The accounts, the directory's staff records and the locations, together.
export const loadAdminData = async (signal: AbortSignal): Promise<AdminData> => {
  const [users, staff, locations] = await Promise.all([listUsers(signal), listStaffRecords(signal), listLocations(signal)]);
  return { users, staff, locations };
};

const roleLabel = (role: string) => kStaffRoles.find((r) => r.role === role)?.label ?? role;

function UserRow({ user, data }: { user: Account; data: AdminData }) {
  const record = data.staff.find((s) => s.code === user.staff_code);
  const places = user.locations.map((code) => data.locations.find((l) => l.id === code)?.name ?? code);
  return (
    <tr>
      <th scope="row">
        <Link href={`/admin/users/${user.id}`}>{user.name}</Link>
      </th>
      <td>{user.email}</td>
      <td>{user.roles.map(roleLabel).join(", ")}</td>
      <td>{places.join(", ") || "—"}</td>
      <td>{record ? `${record.name} (${record.code})` : user.staff_code ?? "Not linked"}</td>
      <td>{user.disabled ? <span class="badge badge-cancelled">Disabled</span> : "Active"}</td>
      <td>
        <Link href={`/admin/audit?${new URLSearchParams({ user: String(user.id) })}`}>
          Audit<span class="visually-hidden"> of {user.name}</span>
        </Link>
      </td>
    </tr>
  );
}

export function UsersPage() {
  const [state, retry] = useRequest(loadAdminData, []);
  return (
    <Page title="Users" lead="Staff accounts: what each may do, where, and the staff record it signs as." wide>
      <p class="actions">
        <Link class="button" href="/admin/users/new">
          Add a user
        </Link>
      </p>
      <Loaded state={state} what="the users" retry={retry}>
        {(data) => (
          <div class="table-wrap" role="region" aria-label="Staff accounts" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Locations</th>
                  <th scope="col">Staff record</th>
                  <th scope="col">Status</th>
                  <th scope="col"><span class="visually-hidden">Audit trail</span></th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((u) => (
                  <UserRow key={u.id} user={u} data={data} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </Page>
  );
}
