// The account use cases on a real SQLite store with a clock the tests move:
// login and its generic refusals, throttling, session expiry, logout, tokens,
// sign-up in one transaction, disabling, and the append-only audit trail.
#include <gtest/gtest.h>

#include <fstream>

#include "../store/store_fixture.h"
#include "auth/identity.h"
#include "auth/service.h"

namespace kc::auth {
namespace {

using std::chrono::minutes;
using store::sqlite::testing::count;

constexpr const char* kPassword = "a sturdy passphrase 1";

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class AuthServiceTest : public store::sqlite::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(crypto_ready());
    auth = std::make_unique<AuthService>(*store, clock, random, hasher, Blocklist::parse("password\nqwerty\n"));
    test_location = directory.find_location("test", "l").value()->id;
    nurse = auth->add_staff({"Nurse@Example.test ", "Nurse", {Role::nurse}, {test_location}, kPassword, ""}).value().account;
    admin = principal_for(auth->add_staff({"admin@example.test", "Admin", {Role::admin}, {}, kPassword, ""}).value().account);
  }

  clinic::Patient a_patient() {
    clinic::Patient p;
    p.given_name = "Sam";
    p.family_name = "Demo";
    p.date_of_birth = date::year{1985} / 4 / 12;
    return p;
  }

  void advance(std::chrono::seconds d) { clock.set(clock.now() + d); }

  store::sqlite::testing::FixedClock clock{clinic::testing::at("2026-11-27T12:00:00-06:00")};
  SystemRandom random;
  PasswordHasher hasher{PasswordHasher::Cost::minimum()};
  std::unique_ptr<AuthService> auth;
  clinic::Id test_location = 0;
  Account nurse;
  Principal admin;  // who changes accounts
};

TEST_F(AuthServiceTest, LoginOpensASessionThatAuthenticatesUntilLogout) {
  EXPECT_EQ(nurse.email, "nurse@example.test");  // normalised
  auto s = auth->login(" NURSE@example.test", kPassword, "10.0.0.5");
  ASSERT_TRUE(s.has_value()) << s.error().error.message;
  EXPECT_EQ(s->principal.kind, Principal::Kind::staff);
  EXPECT_EQ(s->csrf_token, csrf_token_for(s->secret));
  auto who = auth->from_session(s->secret);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->account_id, nurse.id);
  EXPECT_TRUE(who->permissions.has(Permission::clinical_write));
  EXPECT_EQ(who->location_ids, std::vector<clinic::Id>{test_location});
  ASSERT_TRUE(auth->logout(s->secret).has_value());
  EXPECT_EQ(auth->from_session(s->secret).error().reason, "session_expired");
  EXPECT_EQ(count(path, "SELECT count(*) FROM sessions"), 0);
}

TEST_F(AuthServiceTest, WrongPasswordsUnknownAccountsAndDisabledAccountsGetTheSameAnswer) {
  const auto wrong = auth->login("nurse@example.test", "not the password", "10.0.0.5").error().error;
  const auto unknown = auth->login("nobody@example.test", kPassword, "10.0.0.6").error().error;
  auto disabled = nurse;
  disabled.disabled = true;
  ASSERT_TRUE(auth->update_staff(disabled, admin).has_value());
  const auto off = auth->login("nurse@example.test", kPassword, "10.0.0.7").error().error;
  for (const auto& e : {wrong, unknown, off}) {
    EXPECT_EQ(e.code, ErrorCode::unauthorized);
    EXPECT_EQ(e.reason, "invalid_credentials");
    EXPECT_EQ(e.message, wrong.message);
  }
}

TEST_F(AuthServiceTest, FiveFailuresLockAnAccountKnownOrNotUntilTheWindowPasses) {
  for (const char* email : {"nurse@example.test", "nobody@example.test"}) {
    SCOPED_TRACE(email);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(auth->login(email, "guess", fmt::format("10.1.0.{}", i)).error().error.reason, "invalid_credentials");
    auto locked = auth->login(email, kPassword, "10.2.0.1");
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().error.reason, "too_many_attempts");
    EXPECT_EQ(locked.error().error.code, ErrorCode::rate_limited);
    EXPECT_GT(locked.error().retry_after.count(), 0);
    EXPECT_LE(locked.error().retry_after, std::chrono::seconds(minutes(15)));
  }
  advance(minutes(15));
  EXPECT_TRUE(auth->login("nurse@example.test", kPassword, "10.2.0.1").has_value());
}

TEST_F(AuthServiceTest, ASuccessfulLoginClearsTheAccountsFailures) {
  for (int i = 0; i < 4; ++i) (void)auth->login("nurse@example.test", "guess", "10.0.0.1");
  ASSERT_TRUE(auth->login("nurse@example.test", kPassword, "10.0.0.1").has_value());
  for (int i = 0; i < 4; ++i) (void)auth->login("nurse@example.test", "guess", "10.0.0.1");
  EXPECT_TRUE(auth->login("nurse@example.test", kPassword, "10.0.0.1").has_value());
}

TEST_F(AuthServiceTest, TwentyFailuresFromOneAddressLockThatAddressOnly) {
  for (int i = 0; i < 20; ++i) (void)auth->login(fmt::format("user{}@example.test", i), "guess", "10.9.9.9");
  EXPECT_EQ(auth->login("nurse@example.test", kPassword, "10.9.9.9").error().error.reason, "too_many_attempts");
  EXPECT_TRUE(auth->login("nurse@example.test", kPassword, "10.9.9.8").has_value());
}

TEST_F(AuthServiceTest, StaffSessionsEndAfterThirtyIdleMinutesPatientsAfterFifteen) {
  auto staff = auth->login("nurse@example.test", kPassword, "10.0.0.1").value();
  advance(minutes(29));
  ASSERT_TRUE(auth->from_session(staff.secret).has_value());  // activity moves last-seen
  advance(minutes(29));
  ASSERT_TRUE(auth->from_session(staff.secret).has_value());
  advance(minutes(30));
  EXPECT_EQ(auth->from_session(staff.secret).error().reason, "session_expired");
  EXPECT_EQ(count(path, "SELECT count(*) FROM sessions"), 0);  // removed, not just refused

  auto signed_up = auth->sign_up(a_patient(), "sam.demo@example.com", kPassword, "10.0.0.2");
  ASSERT_TRUE(signed_up.has_value()) << signed_up.error().error.message;
  const auto secret = signed_up->second.secret;
  advance(minutes(14));
  ASSERT_TRUE(auth->from_session(secret).has_value());
  advance(minutes(15));
  EXPECT_FALSE(auth->from_session(secret).has_value());
}

TEST_F(AuthServiceTest, EvenABusySessionEndsAfterTwelveHours) {
  auto s = auth->login("nurse@example.test", kPassword, "10.0.0.1").value();
  for (int i = 0; i < 47; ++i) {
    advance(minutes(15));
    ASSERT_TRUE(auth->from_session(s.secret).has_value()) << i;
  }
  advance(minutes(15));
  EXPECT_FALSE(auth->from_session(s.secret).has_value());
}

TEST_F(AuthServiceTest, SignUpCreatesRecordAccountAndSessionAtOnceOrNothing) {
  auto made = auth->sign_up(a_patient(), "Sam.Demo@example.com", kPassword, "10.0.0.3");
  ASSERT_TRUE(made.has_value()) << made.error().error.message;
  const auto& [patient, session] = *made;
  EXPECT_EQ(patient.email, "sam.demo@example.com");
  EXPECT_EQ(session.principal.kind, Principal::Kind::patient);
  EXPECT_EQ(session.principal.patient_id, patient.id);
  EXPECT_TRUE(session.principal.permissions.has(Permission::self_service));
  EXPECT_FALSE(session.principal.permissions.has(Permission::schedule_read));
  const auto patients = count(path, "SELECT count(*) FROM patients");
  auto again = auth->sign_up(a_patient(), "sam.demo@example.com", kPassword, "10.0.0.3");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().error.reason, "email_taken");
  EXPECT_EQ(count(path, "SELECT count(*) FROM patients"), patients);  // the record was rolled back too
  EXPECT_EQ(auth->sign_up(a_patient(), "x@example.com", "password2024!!!!", "10.0.0.3").error().error.reason,
            "password_common");
  EXPECT_EQ(auth->sign_up(a_patient(), "not-an-email", kPassword, "10.0.0.3").error().error.field, "email");
}

TEST_F(AuthServiceTest, StaffAccountsNeedRolesAndLocationsAndGetAGeneratedPasswordOnRequest) {
  EXPECT_EQ(auth->add_staff({"a@example.test", "A", {}, {}, kPassword, ""}).error().field, "roles");
  EXPECT_EQ(auth->add_staff({"a@example.test", "A", {Role::patient}, {}, kPassword, ""}).error().field, "roles");
  EXPECT_EQ(auth->add_staff({"a@example.test", "A", {Role::front_desk}, {}, kPassword, ""}).error().field, "locations");
  EXPECT_EQ(auth->add_staff({"a@example.test", "A", {Role::admin}, {}, "qwerty", ""}).error().reason, "password_too_short");
  EXPECT_EQ(auth->add_staff({"nurse@example.test", "B", {Role::admin}, {}, kPassword, ""}).error().reason, "email_taken");
  auto made = auth->add_staff({"a@example.test", "A", {Role::admin}, {}, "", ""});
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_GE(made->generated_password.size(), 20u);
  EXPECT_TRUE(auth->login("a@example.test", made->generated_password, "10.0.0.1").has_value());
}

TEST_F(AuthServiceTest, DisablingAnAccountEndsItsSessionsAndTokens) {
  auto s = auth->login("nurse@example.test", kPassword, "10.0.0.1").value();
  auto token = auth->create_token(s.principal, "lab feed", {Permission::schedule_read}, std::chrono::days(30)).value();
  auto off = nurse;
  off.disabled = true;
  ASSERT_TRUE(auth->update_staff(off, admin).has_value());
  EXPECT_FALSE(auth->from_session(s.secret).has_value());
  EXPECT_EQ(auth->from_token(token.secret).error().reason, "invalid_token");
}

TEST_F(AuthServiceTest, TokensCarryTheirScopeExpireAndCanBeRevoked) {
  const auto owner = principal_for(nurse);
  EXPECT_EQ(auth->create_token(owner, "x", {Permission::schedule_write}, std::chrono::days(1)).error().field, "scope");
  EXPECT_EQ(auth->create_token(owner, "x", {Permission::api_tokens}, std::chrono::days(1)).error().field, "scope");
  EXPECT_EQ(auth->create_token(owner, "x", {Permission::schedule_read}, std::chrono::days(400)).error().field,
            "expires_in_days");
  auto t = auth->create_token(owner, "lab feed", {Permission::schedule_read, Permission::clinical_read},
                              std::chrono::days(2));
  ASSERT_TRUE(t.has_value()) << t.error().message;
  EXPECT_TRUE(t->secret.starts_with("kc_"));
  EXPECT_EQ(t->record.prefix, t->secret.substr(0, 10));
  auto who = auth->from_token(t->secret);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->via, Principal::Via::token);
  EXPECT_EQ(who->permissions, (PermissionSet{Permission::schedule_read, Permission::clinical_read}));
  advance(std::chrono::days(2));
  EXPECT_EQ(auth->from_token(t->secret).error().reason, "invalid_token");

  auto u = auth->create_token(owner, "other", {Permission::schedule_read}, std::chrono::days(30)).value();
  auto someone_else = principal_for(auth->add_staff({"b@example.test", "B", {Role::nurse}, {test_location}, kPassword, ""})
                                        .value()
                                        .account);
  EXPECT_EQ(auth->revoke_token(someone_else, u.record.id).error().code, ErrorCode::not_found);
  ASSERT_TRUE(auth->revoke_token(owner, u.record.id).has_value());
  EXPECT_FALSE(auth->from_token(u.secret).has_value());
  EXPECT_FALSE(auth->from_token("kc_made-up").has_value());
}

TEST_F(AuthServiceTest, DemotingAUserShrinksTheirTokens) {
  auto t = auth->create_token(principal_for(nurse), "feed", {Permission::schedule_read, Permission::clinical_read},
                              std::chrono::days(30)).value();
  auto demoted = nurse;
  demoted.roles = {Role::front_desk};
  ASSERT_TRUE(auth->update_staff(demoted, admin).has_value());
  EXPECT_EQ(auth->from_token(t.secret).value().permissions, PermissionSet{Permission::schedule_read});
}

TEST_F(AuthServiceTest, NoAccountChangesItsOwnRolesLocationsOrAccess) {
  auto self = auth->account(admin.account_id).value();
  const auto refused = [&](Account changed) {
    auto r = auth->update_staff(std::move(changed), admin);
    return !r && r.error().code == ErrorCode::forbidden && r.error().reason == "own_account";
  };
  auto clinician = self;
  clinician.roles = {Role::admin, Role::prescriber};
  clinician.location_ids = {test_location};
  EXPECT_TRUE(refused(clinician));
  auto placed = self;
  placed.location_ids = {test_location};
  EXPECT_TRUE(refused(placed));
  auto off = self;
  off.disabled = true;
  EXPECT_TRUE(refused(off));
  auto renamed = self;
  renamed.display_name = "Admin Two";
  renamed.roles = {Role::admin};  // the same roles, in any order: not a change
  EXPECT_TRUE(auth->update_staff(renamed, admin).has_value());
  EXPECT_EQ(auth->account(admin.account_id).value().roles, std::vector<Role>{Role::admin});
  auto granted = auth->add_staff({"second@example.test", "Second", {Role::admin}, {}, kPassword, ""}).value().account;
  EXPECT_TRUE(auth->update_staff(clinician, principal_for(granted)).has_value());  // a second administrator may
  EXPECT_TRUE(roles_differ(self, clinician));
  auto reordered = clinician;
  reordered.roles = {Role::prescriber, Role::admin};
  EXPECT_FALSE(roles_differ(clinician, reordered));
}

// Attribution by login: an account signs clinical writes as its linked staff
// record, so the link is checked against the directory and guarded like a grant.
TEST_F(AuthServiceTest, AStaffLinkNamesARecordThatHoldsTheAccountsClinicalRoles) {
  AuthService linked(*store, clock, random, hasher, Blocklist::parse(""), {}, &directory);
  auto spec = [&](std::string email, Role role, std::string code) {
    return StaffSpec{std::move(email), "X", {role}, {test_location}, kPassword, std::move(code)};
  };
  auto doc = linked.add_staff(spec("doc@example.test", Role::prescriber, "doc"));
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_EQ(doc->account.staff_code, "doc");
  EXPECT_EQ(principal_for(linked.account(doc->account.id).value()).staff_code, "doc");
  EXPECT_EQ(linked.add_staff(spec("ghost@example.test", Role::nurse, "ghost")).error().field, "staff_code");
  // A nurse's login cannot sign as the prescriber's record, nor the reverse.
  EXPECT_EQ(linked.add_staff(spec("n@example.test", Role::prescriber, "nurse")).error().field, "staff_code");
  EXPECT_EQ(linked.add_staff(spec("twin@example.test", Role::prescriber, "doc")).error().reason, "staff_code_taken");
  EXPECT_TRUE(linked.add_staff(spec("desk@example.test", Role::front_desk, "nurse")).has_value());  // no clinical role
  // Without a directory nothing can be linked.
  EXPECT_EQ(auth->add_staff(spec("late@example.test", Role::nurse, "nurse")).error().field, "staff_code");
  // The link is a grant: not changed on one's own account; another administrator may.
  auto self = linked.add_staff({"a2@example.test", "A2", {Role::admin}, {}, kPassword, ""}).value().account;
  auto relinked = self;
  relinked.staff_code = "night-doc";
  EXPECT_EQ(linked.update_staff(relinked, principal_for(self)).error().reason, "own_account");
  auto moved = linked.update_staff(relinked, admin);
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  EXPECT_EQ(moved->staff_code, "night-doc");
  moved->staff_code.clear();
  EXPECT_EQ(linked.update_staff(*moved, admin).value().staff_code, "");
}

TEST_F(AuthServiceTest, TheAuditTrailIsAChainAndRefusesUpdatesAndDeletes) {
  for (int i = 0; i < 3; ++i) {
    AuditEntry e;
    e.actor_kind = "staff";
    e.actor_id = "1";
    e.action = "read";
    e.resource_kind = "patient";
    e.resource_id = std::to_string(i);
    e.patient_id = i;
    ASSERT_TRUE(auth->audit(e).has_value());
  }
  ChainVerifier v;
  auto high = store->scan_audit(0, [&](const StoredEntry& e) { return v.add(e); });
  ASSERT_TRUE(high.has_value());
  EXPECT_TRUE(v.finish(*high)) << v.problem();
  EXPECT_EQ(v.count(), 3);
  EXPECT_EQ(high->mark, 3);
  EXPECT_EQ(auth->find_audit({.patient_id = 1}).value().size(), 1u);
  EXPECT_EQ(auth->find_audit({.account_id = 1}).value().size(), 3u);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET status = 200 WHERE id = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log WHERE id = 3", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(count(path, "SELECT count(*) FROM audit_log"), 3);
}

TEST_F(AuthServiceTest, TheStoreHoldsNoSecretInClear) {
  auto s = auth->login("nurse@example.test", kPassword, "10.0.0.1").value();
  auto t = auth->create_token(s.principal, "feed", {Permission::schedule_read}, std::chrono::days(30)).value();
  (void)auth->login("nurse@example.test", "typed into the wrong field", "10.0.0.1");
  (void)auth->login("typed into the wrong field", kPassword, "10.0.0.1");
  store.reset();  // checkpoints the WAL into the file
  const auto bytes = file_bytes(path);
  for (const auto& secret : {std::string(kPassword), s.secret, s.csrf_token, t.secret,
                                   std::string("typed into the wrong field")})
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);  // the hash is there instead
}

}  // namespace
}  // namespace kc::auth
