#include "cli/auth_wiring.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace kc::cli {
namespace {

using auth::Role;

Result<auth::Blocklist> load_blocklist(const std::filesystem::path& data_dir) {
  const auto path = data_dir / "security" / "common_passwords.txt";
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::invalid_argument, "data", fmt::format("data: cannot read {}", path.string()));
  std::stringstream text;
  text << in.rdbuf();
  return auth::Blocklist::parse(text.str());
}

// Invented people at the demo clinics; the passwords are published in the
// README and must never protect real data.
// Each is linked to its record in data/demo/clinics.json, what its clinical
// writes are signed as.
struct DemoAccount {
  const char* email;
  const char* name;
  const char* password;
  Role role;
  const char* location;  // "" for none
  const char* staff_code;
};

constexpr DemoAccount kDemoStaff[] = {
    {"avery.demo@example.com", "Avery Demo, MD (demo)", "demo-prescriber-avery", Role::prescriber, "allen",
     "avery-demo"},
    {"gray.demo@example.com", "Gray Demo, RN (demo)", "demo-nurse-gray-allen", Role::nurse, "allen", "gray-demo"},
    {"oakley.demo@example.com", "Oakley Demo (demo front desk)", "demo-frontdesk-oakley", Role::front_desk, "allen",
     "oakley-demo"},
    {"parker.demo@example.com", "Parker Demo (demo front desk)", "demo-frontdesk-parker", Role::front_desk, "dallas",
     "parker-demo"},
    {"quinn.demo@example.com", "Quinn Demo (demo administrator)", "demo-admin-quinn-2026", Role::admin, "",
     "quinn-demo"},
};
constexpr const char* kDemoPatientKey = "demo-04";  // Devon Demo, an infusion course at Allen
constexpr const char* kDemoPatientPassword = "demo-patient-devon-26";

}  // namespace

Result<std::unique_ptr<AuthParts>> make_auth(auth::AuthStore& store, const clinic::Clock& clock,
                                             const std::filesystem::path& data_dir,
                                             const clinic::Directory& staff_records, auth::AuthSettings settings) {
  if (!auth::crypto_ready()) return fail(ErrorCode::internal, "", "libsodium could not be initialised");
  auto blocklist = load_blocklist(data_dir);
  if (!blocklist) return std::unexpected(blocklist.error());
  auto parts = std::make_unique<AuthParts>();
  parts->hasher = std::make_unique<auth::PasswordHasher>();
  parts->service = std::make_unique<auth::AuthService>(store, clock, parts->random, *parts->hasher,
                                                       std::move(*blocklist), settings, &staff_records);
  return parts;
}

Result<int> seed_demo_accounts(auth::AuthService& auth, const clinic::Directory& directory,
                               const std::map<std::string, clinic::Id>& patient_keys) {
  int made = 0;
  for (const auto& d : kDemoStaff) {
    std::vector<clinic::Id> locations;
    if (*d.location != '\0') {
      auto l = directory.find_location(d.location, "location");
      if (!l) return std::unexpected(l.error());
      locations.push_back((*l)->id);
    }
    auto a = auth.add_staff({d.email, d.name, {d.role}, locations, d.password, d.staff_code});
    if (!a) return std::unexpected(a.error());
    ++made;
  }
  auto patient = patient_keys.find(kDemoPatientKey);
  if (patient == patient_keys.end()) return made;
  auto a = auth.add_patient_login(patient->second, "devon.demo@example.com", "Devon Demo", kDemoPatientPassword);
  if (!a) return std::unexpected(a.error());
  return made + 1;
}

}  // namespace kc::cli
