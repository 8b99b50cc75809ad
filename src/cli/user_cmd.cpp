// `ketaclinic user add`: a staff account from the command line (the first
// administrator of a new installation, for one). The password is read from
// stdin when it is piped, else generated and printed once. The account is
// recorded in the audit trail as created by the command line.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "catalog/models.h"
#include "cli/auth_wiring.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/serve_wiring.h"
#include "store/open_store.h"

namespace kc::cli {
namespace {

struct UserArgs {
  std::string db = "ketaclinic.db", email, name, staff_code;
  std::vector<std::string> roles, locations;
  bool generate = false;
};

Result<std::vector<clinic::Id>> location_ids(const clinic::Directory& directory, const std::string& db,
                                             const std::vector<std::string>& codes) {
  std::vector<clinic::Id> out;
  for (const auto& code : codes) {
    auto l = directory.find_location(code, "--location");
    if (!l) return fail(ErrorCode::invalid_argument, "location", fmt::format("--location: no location '{}' in {}", code, db));
    out.push_back((*l)->id);
  }
  return out;
}

// The first line of stdin when it is piped; empty (generate one) at a terminal.
Result<std::string> password_from_stdin(bool generate) {
  if (generate || isatty(STDIN_FILENO) != 0) return std::string{};
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty())
    return fail(ErrorCode::invalid_argument, "password",
                "password: stdin is empty; pipe the password in, or pass --generate-password");
  return line;
}

Result<auth::StaffSpec> staff_spec(const UserArgs& a, const clinic::Directory& directory) {
  auth::StaffSpec spec;
  spec.email = a.email;
  spec.display_name = a.name.empty() ? a.email.substr(0, a.email.find('@')) : a.name;
  for (const auto& r : a.roles) {
    auto role = auth::parse_role(r, "--role");
    if (!role) return std::unexpected(role.error());
    spec.roles.push_back(*role);
  }
  auto locations = location_ids(directory, a.db, a.locations);
  if (!locations) return std::unexpected(locations.error());
  spec.location_ids = std::move(*locations);
  auto password = password_from_stdin(a.generate);
  if (!password) return std::unexpected(password.error());
  spec.password = std::move(*password);
  spec.staff_code = a.staff_code;
  return spec;
}

Result<auth::NewStaff> add(const UserArgs& a) {
  auto store = store::open(a.db);
  if (!store) return std::unexpected(store.error());
  auto data = (*store)->load_directory();
  if (!data) return std::unexpected(data.error());
  const clinic::Directory directory(std::move(*data));
  auto spec = staff_spec(a, directory);
  if (!spec) return std::unexpected(spec.error());
  SystemClock clock;
  auto parts = make_auth(**store, clock, catalog::default_data_dir(), directory);
  if (!parts) return std::unexpected(parts.error());
  auto made = (*parts)->service->add_staff(std::move(*spec));
  if (!made && made.error().field == "staff_code")  // name the argument, not the API field
    return fail(made.error().code, "staff", "--staff" + made.error().message.substr(std::string("staff_code").size()));
  if (!made) return made;
  auth::AuditEntry entry{0, {}, "system", "cli", "", "local", "create", "account", fmt::format("{}", made->account.id),
                         std::nullopt, "user add", auth::Outcome::allowed, 0, "", ""};
  if (auto ok = (*parts)->service->audit(entry); !ok) return std::unexpected(ok.error());
  return made;
}

int run(const UserArgs& a) {
  auto made = add(a);
  if (!made) return report("user add", made.error());
  fmt::print("added user {} <{}> ({})\n", made->account.id, made->account.email, fmt::join(a.roles, ", "));
  if (!made->generated_password.empty())
    fmt::print("password: {}\n(shown once: give it to the user now; it is stored only as a hash)\n",
               made->generated_password);
  return kExitOk;
}

}  // namespace

void register_user(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<UserArgs>();
  auto* cmd = root.add_subcommand("user", "Staff accounts: add");
  cmd->require_subcommand(1);
  auto* add_cmd = cmd->add_subcommand("add", "add a staff account (password from stdin, or generated and printed once)");
  add_cmd->add_option("--email", args->email, "the login email")->required();
  add_cmd->add_option("--role", args->roles, "front_desk, nurse, prescriber or admin (repeat for several)")->required();
  add_cmd->add_option("--location", args->locations, "a location code where the person works (repeatable)");
  add_cmd->add_option("--name", args->name, "the name shown to others (default: the email's local part)");
  add_cmd->add_option("--staff", args->staff_code,
                      "the person's staff record code in the clinic directory: what their clinical writes are "
                      "signed as (nurses and prescribers need one to acknowledge flags or decide)");
  add_cmd->add_option("--db", args->db, "SQLite database file")->capture_default_str();
  add_cmd->add_flag("--generate-password", args->generate, "generate the password even when stdin is piped");
  add_cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
