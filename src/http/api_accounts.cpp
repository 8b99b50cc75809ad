// Accounts and sessions: patient sign-up, login, who am I, logout, password change.
#include <fmt/format.h>

#include "auth/identity.h"
#include "http/api.h"
#include "http/auth_codec.h"
#include "http/codec.h"
#include "http/credentials.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

constexpr std::size_t kMaxPassword = 1024;  // longer is refused before hashing (policy: 128)

struct AccountRoutes {
  auth::AuthService& auth;
  const Scheduler& scheduler;  // the directory (session locations) and the clinic's today
  bool tls;
};

// Sign-up's checks, every bad field at once: the record, the email, the password.
std::vector<Error> sign_up_problems(const AccountRoutes& c, std::vector<Error> errors, Patient& p,
                                    const std::string& email, const std::string& password) {
  if (!errors.empty()) return errors;
  p.email = auth::normalize_email(email);
  errors = check_patient(p, date::year_month_day{std::chrono::floor<date::days>(c.scheduler.now())});
  if (auto ok = auth::check_email(p.email, "email"); !ok) errors.push_back(ok.error());
  if (auto ok = c.auth.check_new_password(password, p.email); !ok) errors.push_back(ok.error());
  return errors;
}

ApiResponse with_session(ApiResponse response, const std::string& secret, bool tls) {
  response.headers.emplace_back("Set-Cookie", session_cookie(secret, tls));
  return response;
}

Answer sign_up(const AccountRoutes& c, const ApiRequest& r) {
  KC_TRY(auto in, read_body(r, {"given_name", "family_name", "date_of_birth", "sex", "email", "phone", "weight", "password"}));
  JsonReader& body = in->fields();
  Patient p;
  read_patient(body, p, Need::required);
  const auto email = body.text("email", Need::required).value_or("");
  const auto password = body.secret("password", Need::required).value_or("");
  if (auto problems = sign_up_problems(c, std::move(in->errors()), p, email, password); !problems.empty())
    return validation_problem(problems);
  auto made = c.auth.sign_up(p, email, password, r.client);
  if (!made) return refusal_problem(made.error());
  auto& [patient, session] = *made;
  auto response =
      json_response(201, {{"patient", patient_json(patient)},
                          {"session", session_json(c.scheduler.directory(), session.principal, session.csrf_token)}});
  response.headers.emplace_back("Location", fmt::format("/api/v1/patients/{}", patient.id));
  response.audit = {fmt::format("{}", session.principal.account_id), patient.id, session.principal, ""};
  return with_session(std::move(response), session.secret, c.tls);
}

Answer login(const AccountRoutes& c, const ApiRequest& r) {
  KC_TRY(auto in, read_body(r, {"email", "password"}));
  JsonReader& body = in->fields();
  const auto email = body.text("email", Need::required).value_or("");
  const auto password = body.secret("password", Need::required).value_or("");
  if (password.size() > kMaxPassword) body.fail("password", "is too long");
  if (!in->ok()) return in->problem();
  if (!r.session_cookie.empty()) (void)c.auth.logout(r.session_cookie);  // a new login replaces the old session
  auto session = c.auth.login(email, password, r.client);
  if (!session) return refusal_problem(session.error());
  auto response = json_response(200, session_json(c.scheduler.directory(), session->principal, session->csrf_token));
  response.audit = {fmt::format("{}", session->principal.account_id), session->principal.patient_id, session->principal,
                    ""};
  return with_session(std::move(response), session->secret, c.tls);
}

Answer who_am_i(const AccountRoutes& c, const ApiRequest& r) {
  const bool session = r.principal.via == auth::Principal::Via::session;
  auto response = json_response(
      200, session_json(c.scheduler.directory(), r.principal, session ? auth::csrf_token_for(r.session_cookie) : ""));
  response.audit.resource_id = fmt::format("{}", r.principal.account_id);
  return response;
}

Answer logout(const AccountRoutes& c, const ApiRequest& r) {
  KC_CHECK(c.auth.logout(r.session_cookie));
  ApiResponse response{204, "application/json", "", {{"Set-Cookie", cleared_session_cookie(c.tls)}}};
  response.audit.resource_id = fmt::format("{}", r.principal.account_id);
  return response;
}

// Every field error is answered as validation_failed naming its field (the
// policy's reasons in errors[].code), like sign-up; a throttle is a 429.
ApiResponse password_refusal(const auth::LoginRefusal& refusal) {
  if (refusal.error.code == ErrorCode::invalid_argument) return validation_problem({refusal.error});
  return refusal_problem(refusal);
}

Answer change_password(const AccountRoutes& c, const ApiRequest& r) {
  if (r.principal.via != auth::Principal::Via::session)  // API tokens never carry account_self; a guard all the same
    return fail(ErrorCode::forbidden, "", "a password is changed from a signed-in session");
  KC_TRY(auto in, read_body(r, {"current_password", "new_password"}));
  JsonReader& body = in->fields();
  const auto current = body.secret("current_password", Need::required).value_or("");
  const auto next = body.secret("new_password", Need::required).value_or("");
  if (current.size() > kMaxPassword) body.fail("current_password", "is too long");
  if (next.size() > kMaxPassword) body.fail("new_password", "is too long");
  if (!in->ok()) return in->problem();
  if (auto changed = c.auth.change_password(r.principal, r.session_cookie, current, next, r.client); !changed)
    return password_refusal(changed.error());
  ApiResponse response{204, "application/json", "", {}};
  response.audit.resource_id = fmt::format("{}", r.principal.account_id);
  return response;
}

}  // namespace

void add_account_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<AccountRoutes> add(routes, {c.auth, c.scheduler, c.tls});
  add(Method::post, "/api/v1/accounts", "signUp", public_route("account", "sign_up"), sign_up);
  add(Method::post, "/api/v1/session", "login", public_route("session", "login"), login);
  add(Method::get, "/api/v1/session", "getSession", needs(Permission::account_self, "session", scope::organisation),
      who_am_i);
  add(Method::del, "/api/v1/session", "logout",
      needs(Permission::account_self, "session", scope::organisation, "logout"), logout);
  add(Method::post, "/api/v1/session/password", "changePassword",
      needs(Permission::account_self, "account", scope::organisation, "change_password"), change_password);
}

}  // namespace kc::http
