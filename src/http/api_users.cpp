// Staff accounts, for administrators: list, create, change roles, locations or
// disable; and the clinic directory's staff records an account links to.
// Patients' accounts are made by sign-up, not here.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "auth/identity.h"
#include "http/api.h"
#include "http/auth_codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using nlohmann::json;

struct UserRoutes {
  auth::AuthService& auth;
  const clinic::Scheduler& scheduler;  // its directory: location codes
};

std::vector<auth::Role> read_roles(JsonReader& body, Need need) {
  std::vector<auth::Role> out;
  const auto names = body.texts("roles", need).value_or(std::vector<std::string>{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (auto role = auth::parse_role(names[i], "roles"))
      out.push_back(*role);
    else
      body.fail(fmt::format("roles[{}]", i), fmt::format("'{}' is not a role", names[i]));
  }
  return out;
}

std::vector<clinic::Id> read_locations(JsonReader& body, const clinic::Directory& d) {
  std::vector<clinic::Id> out;
  const auto codes = body.texts("locations", Need::optional).value_or(std::vector<std::string>{});
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (auto l = d.find_location(codes[i], "locations"))
      out.push_back((*l)->id);
    else
      body.fail(fmt::format("locations[{}]", i), fmt::format("no location '{}'", codes[i]));
  }
  return out;
}

Answer create(const UserRoutes& c, const ApiRequest& r) {
  KC_TRY(auto in, read_body(r, {"email", "name", "roles", "locations", "password", "staff_code"}));
  JsonReader& body = in->fields();
  auth::StaffSpec spec{body.text("email", Need::required).value_or(""), body.text("name", Need::required).value_or(""),
                       read_roles(body, Need::required), read_locations(body, c.scheduler.directory()),
                       body.secret("password", Need::optional).value_or(""),
                       body.text("staff_code", Need::optional).value_or("")};
  if (!in->ok()) return in->problem();
  KC_TRY(auto made, c.auth.add_staff(std::move(spec)));
  json out = {{"user", account_json(c.scheduler.directory(), made.account)}};
  if (!made.generated_password.empty()) out["password"] = made.generated_password;  // shown once
  auto response = json_response(201, out);
  response.audit.resource_id = fmt::format("{}", made.account.id);
  return response;
}

Answer update(const UserRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto doc, json_body(r));
  KC_TRY(auto account, c.auth.account(id));
  const auth::Account before = account;
  std::vector<Error> errors;
  JsonReader body(doc, "", errors);
  body.only({"name", "roles", "locations", "disabled", "staff_code"});
  if (auto name = body.text("name", Need::optional)) account.display_name = *name;
  if (body.has("roles")) account.roles = read_roles(body, Need::optional);
  if (body.has("locations")) account.location_ids = read_locations(body, c.scheduler.directory());
  if (auto disabled = body.boolean("disabled", Need::optional)) account.disabled = *disabled;
  if (body.has("staff_code")) account.staff_code = body.text("staff_code", Need::required).value_or("");
  if (body.is_null("staff_code")) account.staff_code.clear();  // unlinks
  if (!errors.empty()) return validation_problem(errors);
  KC_TRY(auto stored, c.auth.update_staff(std::move(account), r.principal));
  auto response = json_response(200, account_json(c.scheduler.directory(), stored));
  if (auth::roles_differ(before, stored)) {
    response.audit.action = "change_roles";  // who may read what: its own action in the trail
    spdlog::warn("account {} changed the roles of account {} to {}", r.principal.account_id, stored.id,
                 auth::principal_for(stored).role_names());
  }
  return response;
}

Answer list(const UserRoutes& c, const ApiRequest&) {
  KC_TRY(auto staff, c.auth.staff());
  auto out = json::array();
  for (const auto& a : staff) out.push_back(account_json(c.scheduler.directory(), a));
  return json_response(200, {{"users", out}});
}

// A directory record as the Users screen offers it for linking: what the
// account would sign as, with the roles and locations the link is checked against.
json staff_record_json(const clinic::Directory& d, const clinic::StaffMember& s) {
  auto roles = json::array(), locations = json::array();
  for (auto role : s.roles) roles.push_back(clinic::to_string(role));
  for (auto id : s.location_ids)
    if (const auto* l = d.location(id)) locations.push_back(l->code);
  return {{"code", s.code}, {"name", s.display_name}, {"roles", roles}, {"locations", locations}};
}

Answer list_staff_records(const UserRoutes& c, const ApiRequest&) {
  const auto& d = c.scheduler.directory();
  auto out = json::array();
  for (const auto& s : d.staff()) out.push_back(staff_record_json(d, s));
  return json_response(200, {{"staff", out}});
}

}  // namespace

void add_user_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<UserRoutes> add(routes, {c.auth, c.scheduler});
  add(Method::get, "/api/v1/users", "listUsers", needs(Permission::admin_users, "account", scope::organisation), list);
  add(Method::post, "/api/v1/users", "createUser", needs(Permission::admin_users, "account", scope::organisation),
      create);
  add(Method::patch, "/api/v1/users/{id}", "updateUser", needs(Permission::admin_users, "account", scope::organisation),
      update);
  add(Method::get, "/api/v1/staff", "listStaffRecords",
      needs(Permission::admin_users, "staff_record", scope::organisation), list_staff_records);
}

}  // namespace kc::http
