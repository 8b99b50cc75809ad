// The contract of the auth ports (auth/ports.h) on every backend of backends.h
// that implements them: accounts, sessions, tokens and their expiry fields,
// login attempts, and the audit trail (consecutive ids, each entry linked to
// the one before, newest first, scanned in id order).
#include "../../clinic/fixtures.h"
#include "auth/secrets.h"
#include "backends.h"

namespace kc::contract {
namespace {

using auth::Account;
using auth::AuditEntry;
using auth::Role;
using clinic::Id;
using clinic::Instant;
using clinic::testing::at;

template <class Backend>
class AuthContract : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(auth::crypto_ready());
    ASSERT_TRUE(backend.clinic().seed_directory(clinic::testing::clinic_data()).has_value());
    const auto loaded = backend.clinic().load_directory();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    for (const auto& l : loaded->locations) locations.push_back(l.id);
  }

  auth::AuthStore& store() { return backend.auth(); }

  Account staff_account(const char* email, std::vector<Role> roles = {Role::nurse}) const {
    Account a;
    a.email = email;
    a.display_name = email;
    a.password_hash = "$argon2id$v=19$not-a-real-hash";
    a.roles = std::move(roles);
    a.location_ids = {locations.at(0)};
    a.created_at = a.updated_at = at("2026-11-01T00:00:00Z");
    return a;
  }

  clinic::Patient patient() const {
    clinic::Patient p;
    p.given_name = "Alex";
    p.family_name = "Demo";
    p.date_of_birth = date::year{1980} / 1 / 2;
    return p;
  }

  AuditEntry audit(const char* actor_id, std::optional<Id> patient_id, const char* when) const {
    AuditEntry e;
    e.at = at(when);
    e.actor_kind = "staff";
    e.actor_id = actor_id;
    e.actor_roles = "nurse";
    e.client = "127.0.0.1";
    e.action = "read";
    e.resource_kind = "patient";
    e.resource_id = patient_id ? std::to_string(*patient_id) : "";
    e.patient_id = patient_id;
    e.operation = "getPatient";
    e.status = 200;
    return e;
  }

  static std::vector<std::int64_t> ids(const std::vector<AuditEntry>& entries) {
    std::vector<std::int64_t> out;
    for (const auto& e : entries) out.push_back(e.id);
    return out;
  }

  Backend backend;
  std::vector<Id> locations;
};

TYPED_TEST_SUITE(AuthContract, AuthBackends, BackendName);

TYPED_TEST(AuthContract, AnAccountReadsBackByIdAndEmailAndAnEmailIsTakenOnce) {
  const auto created = this->store().create_account(this->staff_account("nurse@example.com", {Role::prescriber, Role::nurse}));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_NE(created->id, 0);
  const auto read = this->store().account(created->id).value();
  EXPECT_EQ(read.email, "nurse@example.com");
  EXPECT_EQ(read.password_hash, "$argon2id$v=19$not-a-real-hash");
  auto roles = read.roles;
  std::ranges::sort(roles);
  EXPECT_EQ(roles, (std::vector<Role>{Role::nurse, Role::prescriber}));
  EXPECT_EQ(read.location_ids, std::vector<Id>{this->locations.at(0)});
  EXPECT_FALSE(read.is_patient());
  EXPECT_EQ(this->store().account_by_email("nurse@example.com").value()->id, created->id);
  EXPECT_FALSE(this->store().account_by_email("nobody@example.com").value().has_value());
  const auto taken = this->store().create_account(this->staff_account("nurse@example.com"));
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().code, ErrorCode::conflict);
  EXPECT_EQ(taken.error().reason, "email_taken");
  EXPECT_EQ(this->store().account(12345).error().code, ErrorCode::not_found);
}

TYPED_TEST(AuthContract, AnUpdateReplacesRolesLocationsNameAndTheDisabledFlag) {
  auto a = this->store().create_account(this->staff_account("nurse@example.com")).value();
  a.roles = {Role::front_desk};
  a.location_ids = {this->locations.at(1)};
  a.display_name = "Front desk";
  a.disabled = true;
  ASSERT_TRUE(this->store().update_account(a).has_value());
  const auto read = this->store().account(a.id).value();
  EXPECT_EQ(read.roles, std::vector<Role>{Role::front_desk});
  EXPECT_EQ(read.location_ids, std::vector<Id>{this->locations.at(1)});
  EXPECT_EQ(read.display_name, "Front desk");
  EXPECT_TRUE(read.disabled);
  a.id = 12345;
  EXPECT_EQ(this->store().update_account(a).error().code, ErrorCode::not_found);
}

TYPED_TEST(AuthContract, APatientAccountIsCreatedWithItsRecordAndStaffAccountsExcludeIt) {
  const Id staff = this->store().create_account(this->staff_account("nurse@example.com")).value().id;
  Account patient_account = this->staff_account("alex@example.com", {Role::patient});
  patient_account.location_ids.clear();
  const auto both = this->store().create_patient_account(this->patient(), patient_account);
  ASSERT_TRUE(both.has_value()) << both.error().message;
  EXPECT_EQ(both->second.patient_id, both->first.id);
  EXPECT_EQ(this->backend.clinic().patient(both->first.id)->given_name, "Alex");
  EXPECT_TRUE(this->store().account(both->second.id)->is_patient());
  const auto staff_list = this->store().staff_accounts().value();
  ASSERT_EQ(staff_list.size(), 1u);
  EXPECT_EQ(staff_list[0].id, staff);
  // All or nothing: a taken email leaves no patient record behind.
  const auto taken = this->store().create_patient_account(this->patient(), patient_account);
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().reason, "email_taken");
  EXPECT_EQ(this->backend.clinic().find_patients({"", std::nullopt, 50})->size(), 1u);
}

TYPED_TEST(AuthContract, ASessionIsFoundByItsHashTouchedAndDeleted) {
  const Id a = this->store().create_account(this->staff_account("a@example.com")).value().id;
  const Id b = this->store().create_account(this->staff_account("b@example.com")).value().id;
  const auto h1 = auth::sha256_hex("session-1"), h2 = auth::sha256_hex("session-2"), h3 = auth::sha256_hex("session-3");
  const Instant t0 = at("2026-11-27T12:00:00Z");
  for (const auto& [hash, account] : {std::pair{h1, a}, std::pair{h2, a}, std::pair{h3, b}})
    ASSERT_TRUE(this->store().create_session({hash, account, t0, t0, "127.0.0.1"}).has_value());
  const auto read = this->store().session(h1).value();
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->account_id, a);
  EXPECT_EQ(read->created_at, t0);
  EXPECT_EQ(read->client, "127.0.0.1");
  ASSERT_TRUE(this->store().touch_session(h1, t0 + std::chrono::minutes(10)).has_value());
  EXPECT_EQ(this->store().session(h1).value()->last_seen_at, t0 + std::chrono::minutes(10));
  EXPECT_EQ(this->store().session(h1).value()->created_at, t0);  // the absolute expiry counts from here
  EXPECT_FALSE(this->store().session(auth::sha256_hex("unknown")).value().has_value());
  ASSERT_TRUE(this->store().delete_session(h1).has_value());
  EXPECT_FALSE(this->store().session(h1).value().has_value());
  ASSERT_TRUE(this->store().delete_sessions_of(a).has_value());
  EXPECT_FALSE(this->store().session(h2).value().has_value());
  EXPECT_TRUE(this->store().session(h3).value().has_value());
}

TYPED_TEST(AuthContract, ANewPasswordHashEndsEveryOtherSessionOfTheAccount) {
  const Id a = this->store().create_account(this->staff_account("a@example.com")).value().id;
  const Id b = this->store().create_account(this->staff_account("b@example.com")).value().id;
  const auto keep = auth::sha256_hex("session-1"), other = auth::sha256_hex("session-2"),
             of_b = auth::sha256_hex("session-3");
  const Instant t0 = at("2026-11-27T12:00:00Z"), t1 = at("2026-11-27T13:00:00Z");
  for (const auto& [hash, account] : {std::pair{keep, a}, std::pair{other, a}, std::pair{of_b, b}})
    ASSERT_TRUE(this->store().create_session({hash, account, t0, t0, "127.0.0.1"}).has_value());
  ASSERT_TRUE(this->store().set_password(a, "$argon2id$v=19$new-hash", t1, keep).has_value());
  const auto read = this->store().account(a).value();
  EXPECT_EQ(read.password_hash, "$argon2id$v=19$new-hash");
  EXPECT_EQ(read.updated_at, t1);
  EXPECT_TRUE(this->store().session(keep).value().has_value());
  EXPECT_FALSE(this->store().session(other).value().has_value());
  EXPECT_TRUE(this->store().session(of_b).value().has_value());
  EXPECT_EQ(this->store().set_password(12345, "x", t1, keep).error().code, ErrorCode::not_found);
}

TYPED_TEST(AuthContract, ATokenIsFoundByHashOrIdWithItsExpiryAndIsRevokedAndTouched) {
  const Id a = this->store().create_account(this->staff_account("a@example.com")).value().id;
  auth::TokenRecord t;
  t.token_hash = auth::sha256_hex("kc_token_1");
  t.prefix = "kc_token";
  t.account_id = a;
  t.name = "export";
  t.scope = {auth::Permission::schedule_read};
  t.created_at = at("2026-11-27T12:00:00Z");
  t.expires_at = at("2026-12-27T12:00:00Z");
  const auto first = this->store().create_token(t);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_NE(first->id, 0);
  t.token_hash = auth::sha256_hex("kc_token_2");
  t.expires_at.reset();
  const Id second = this->store().create_token(t).value().id;
  const auto by_hash = this->store().token_by_hash(auth::sha256_hex("kc_token_1")).value();
  ASSERT_TRUE(by_hash.has_value());
  EXPECT_EQ(by_hash->id, first->id);
  EXPECT_EQ(by_hash->expires_at, at("2026-12-27T12:00:00Z"));
  EXPECT_EQ(by_hash->scope, (auth::PermissionSet{auth::Permission::schedule_read}));
  EXPECT_EQ(by_hash->prefix, "kc_token");
  EXPECT_FALSE(by_hash->revoked_at.has_value());
  EXPECT_FALSE(this->store().token(second).value()->expires_at.has_value());
  EXPECT_FALSE(this->store().token_by_hash(auth::sha256_hex("unknown")).value().has_value());
  EXPECT_FALSE(this->store().token(12345).value().has_value());
  ASSERT_TRUE(this->store().revoke_token(first->id, at("2026-11-28T12:00:00Z")).has_value());
  ASSERT_TRUE(this->store().touch_token(second, at("2026-11-28T13:00:00Z")).has_value());
  EXPECT_EQ(this->store().token(first->id).value()->revoked_at, at("2026-11-28T12:00:00Z"));
  EXPECT_EQ(this->store().token(second).value()->last_used_at, at("2026-11-28T13:00:00Z"));
  const auto listed = this->store().tokens_of(a).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, first->id);
  EXPECT_EQ(listed[1].id, second);
}

TYPED_TEST(AuthContract, RecentFailuresAreNewestFirstLimitedAndCountedAfterTheLastSuccess) {
  auto& s = this->store();
  const auto key = auth::sha256_hex("nurse@example.com"), other = auth::sha256_hex("other@example.com");
  const Instant t0 = at("2026-11-27T12:00:00Z");
  auto minute = [&](int n) { return t0 + std::chrono::minutes(n); };
  ASSERT_TRUE(s.record_attempt(key, "10.0.0.1", minute(0), false).has_value());
  ASSERT_TRUE(s.record_attempt(key, "10.0.0.1", minute(1), true).has_value());
  for (int n : {2, 3, 4}) ASSERT_TRUE(s.record_attempt(key, "10.0.0.1", minute(n), false).has_value());
  ASSERT_TRUE(s.record_attempt(other, "10.0.0.1", minute(5), false).has_value());
  ASSERT_TRUE(s.record_attempt(other, "10.0.0.2", minute(6), false).has_value());
  const auto [by_key, by_client] = s.recent_failures(key, "10.0.0.1", t0, 10).value();
  EXPECT_EQ(by_key, (std::vector<Instant>{minute(4), minute(3), minute(2)}));  // not the one before the success
  EXPECT_EQ(by_client, (std::vector<Instant>{minute(5), minute(4), minute(3), minute(2), minute(0)}));
  const auto [limited, since] = s.recent_failures(key, "10.0.0.1", minute(3), 1).value();
  EXPECT_EQ(limited, std::vector<Instant>{minute(4)});
  EXPECT_EQ(since, std::vector<Instant>{minute(5)});
}

TYPED_TEST(AuthContract, AuditEntriesGetConsecutiveIdsEachLinkedToTheOneBefore) {
  std::vector<AuditEntry> appended;
  for (const char* when : {"2026-11-27T12:00:00Z", "2026-11-27T12:01:00Z", "2026-11-27T12:02:00Z"}) {
    auto e = this->store().append_audit(this->audit("3", 7, when));
    ASSERT_TRUE(e.has_value()) << e.error().message;
    appended.push_back(*e);
  }
  EXPECT_EQ(this->ids(appended), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(appended[0].prev_hash, auth::kGenesisHash);
  EXPECT_EQ(appended[1].prev_hash, appended[0].hash);
  EXPECT_EQ(appended[2].prev_hash, appended[1].hash);
  for (const auto& e : appended) EXPECT_EQ(auth::chain_hash(e), e.hash) << e.id;
  // The trail as stored verifies, high-water mark included.
  auth::ChainVerifier chain;
  const auto high = this->store().scan_audit(0, [&](const auth::StoredEntry& e) { return chain.add(e); });
  ASSERT_TRUE(high.has_value()) << high.error().message;
  EXPECT_TRUE(chain.finish(*high)) << chain.problem();
  EXPECT_EQ(chain.count(), 3);
  EXPECT_EQ(chain.head(), appended[2].hash);
}

TYPED_TEST(AuthContract, TheAuditTrailIsFoundNewestFirstByPatientActorTimeAndPage) {
  auto& s = this->store();
  ASSERT_TRUE(s.append_audit(this->audit("3", 7, "2026-11-27T12:00:00Z")));
  ASSERT_TRUE(s.append_audit(this->audit("4", 7, "2026-11-27T12:01:00Z")));
  ASSERT_TRUE(s.append_audit(this->audit("3", 8, "2026-11-27T12:02:00Z")));
  ASSERT_TRUE(s.append_audit(this->audit("3", std::nullopt, "2026-11-27T12:03:00Z")));
  auto found = [&](auth::AuditQuery q) { return this->ids(s.find_audit(q).value()); };
  EXPECT_EQ(found({}), (std::vector<std::int64_t>{4, 3, 2, 1}));
  EXPECT_EQ(found({.patient_id = 7}), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(found({.account_id = 3}), (std::vector<std::int64_t>{4, 3, 1}));
  EXPECT_EQ(found({.from = at("2026-11-27T12:01:00Z"), .to = at("2026-11-27T12:03:00Z")}), (std::vector<std::int64_t>{3, 2}));
  EXPECT_EQ(found({.before_id = 3, .limit = 1}), std::vector<std::int64_t>{2});
  const auto read = s.find_audit({.patient_id = 8}).value().at(0);
  EXPECT_EQ(read.operation, "getPatient");
  EXPECT_EQ(read.at, at("2026-11-27T12:02:00Z"));
  EXPECT_EQ(read.outcome, auth::Outcome::allowed);
}

TYPED_TEST(AuthContract, AScanVisitsEntriesAfterAnIdInOrderAndStopsWhenAsked) {
  auto& s = this->store();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(s.append_audit(this->audit("3", 7, "2026-11-27T12:00:00Z")));
  std::vector<std::int64_t> seen;
  const auto high = s.scan_audit(2, [&](const auth::StoredEntry& e) {
    seen.push_back(e.entry.id);
    return e.entry.id < 4;
  });
  ASSERT_TRUE(high.has_value());
  EXPECT_EQ(seen, (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(high->mark, 5);
  EXPECT_EQ(high->sequence, 5);
  auth::HighWater empty_mark = s.scan_audit(5, [](const auth::StoredEntry&) { return true; }).value();
  EXPECT_EQ(empty_mark.mark, 5);
}

TYPED_TEST(AuthContract, APatientsScopeIsWhereTheyAreInCare) {
  const Id p = this->backend.clinic().create_patient(this->patient()).value().id;
  EXPECT_TRUE(this->store().care_location_ids(p)->empty());
  ASSERT_TRUE(this->backend.clinic()
                  .add_care({p, this->locations.at(1), at("2026-11-01T00:00:00Z"), {"staff", "1"}, "first booking"})
                  .has_value());
  EXPECT_EQ(this->store().care_location_ids(p).value(), std::vector<Id>{this->locations.at(1)});
}

}  // namespace
}  // namespace kc::contract
