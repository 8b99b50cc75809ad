// The permission table as documented in docs/security.md, and the decision
// over principals, routes and scopes, case by case.
#include <gtest/gtest.h>

#include "auth/access.h"

namespace kc::auth {
namespace {

using P = Permission;

struct Grant {
  Role role;
  std::vector<Permission> permissions;
};

// docs/security.md, "The permission table". Changing the table means changing both.
const Grant kDocumented[] = {
    {Role::patient, {P::account_self, P::self_service}},
    {Role::front_desk,
     {P::account_self, P::schedule_read, P::schedule_write, P::demographics_read, P::demographics_write, P::flags_view,
      P::api_tokens}},
    {Role::nurse,
     {P::account_self, P::schedule_read, P::demographics_read, P::flags_view, P::clinical_read, P::clinical_write,
      P::pharm_simulate, P::api_tokens}},
    {Role::prescriber,
     {P::account_self, P::schedule_read, P::demographics_read, P::flags_view, P::clinical_read, P::clinical_write,
      P::clinical_signoff, P::pharm_simulate, P::api_tokens}},
    {Role::admin, {P::account_self, P::api_tokens, P::admin_users, P::admin_settings, P::audit_read}},
};

TEST(PermissionTableTest, EachRoleHoldsExactlyTheDocumentedPermissions) {
  for (const auto& g : kDocumented) {
    SCOPED_TRACE(std::string(to_string(g.role)));
    EXPECT_EQ(permissions_of(g.role).list(), g.permissions);
  }
}

TEST(PermissionTableTest, FrontDeskAndAdminSeeNoClinicalContentPatientsOnlyTheirOwn) {
  for (auto role : {Role::front_desk, Role::admin, Role::patient})
    for (auto p : {P::clinical_read, P::clinical_write, P::clinical_signoff})
      EXPECT_FALSE(permissions_of(role).has(p)) << to_string(role) << " " << to_string(p);
  EXPECT_TRUE(permissions_of(Role::front_desk).has(P::flags_view));
  const Role both[] = {Role::prescriber, Role::admin};
  EXPECT_TRUE(permissions_of(both).has(P::clinical_read));  // an admin who is also a clinician
  EXPECT_TRUE(permissions_of(both).has(P::audit_read));
}

TEST(PermissionTableTest, NamesRoundTripAndUnknownNamesAreRefused) {
  for (int i = 1; i < kPermissionCount; ++i) {
    const auto p = static_cast<Permission>(i);
    EXPECT_EQ(parse_permission(to_string(p), "f").value(), p);
  }
  for (auto r : kRoles) EXPECT_EQ(parse_role(to_string(r), "f").value(), r);
  EXPECT_EQ(parse_permission("undeclared", "scope[0]").error().field, "scope[0]");
  EXPECT_FALSE(parse_permission("root", "f").has_value());
  EXPECT_FALSE(parse_role("doctor", "f").has_value());
}

TEST(PermissionTableTest, TokensCannotCarrySessionOrTokenManagement) {
  const auto held = permissions_of(Role::front_desk);
  const auto grantable = token_grantable(held);
  EXPECT_FALSE(grantable.has(P::account_self));
  EXPECT_FALSE(grantable.has(P::api_tokens));
  EXPECT_TRUE(grantable.has(P::schedule_write));
  EXPECT_TRUE(held.contains(grantable));
}

TEST(PermissionTableTest, PatientDataPermissionsAreLocationScopedAdministrationIsNot) {
  for (auto p : {P::schedule_read, P::schedule_write, P::demographics_read, P::demographics_write, P::flags_view,
                 P::clinical_read, P::clinical_write, P::clinical_signoff})
    EXPECT_TRUE(location_scoped(p)) << to_string(p);
  for (auto p : {P::public_, P::account_self, P::self_service, P::admin_users, P::audit_read, P::pharm_simulate})
    EXPECT_FALSE(location_scoped(p)) << to_string(p);
  EXPECT_TRUE(needs_location(Role::nurse));
  EXPECT_FALSE(needs_location(Role::admin));
  EXPECT_FALSE(needs_location(Role::patient));
}

constexpr clinic::Id kAllen = 1, kFrisco = 3;

Principal staff(Role role, std::vector<clinic::Id> at) {
  Principal p;
  p.kind = Principal::Kind::staff;
  p.account_id = 10;
  p.roles = {role};
  p.location_ids = std::move(at);
  p.permissions = permissions_of(role);
  return p;
}

Principal patient(clinic::Id id) {
  Principal p;
  p.kind = Principal::Kind::patient;
  p.account_id = 20 + id;
  p.roles = {Role::patient};
  p.patient_id = id;
  p.permissions = permissions_of(Role::patient);
  return p;
}

struct Case {
  const char* name;
  Principal who;
  Access access;
  Scope scope;
  Verdict expected;
};

std::vector<Case> cases() {
  const Access read_appt{P::schedule_read, true};
  const Access clinical{P::clinical_read, false};
  const Scope a_at_allen{7, std::vector<clinic::Id>{kAllen}};
  const Scope a_at_frisco{7, std::vector<clinic::Id>{kFrisco}};
  const Scope new_patient{8, {}, true};
  const Scope nowhere{7, {}, false};  // bound, but at none of anybody's locations
  const Scope unreadable{};
  return {
      {"public needs nothing", Principal{}, {P::public_, false}, {}, Verdict::allow},
      {"anonymous", Principal{}, read_appt, a_at_allen, Verdict::unauthenticated},
      {"owner", patient(7), read_appt, a_at_allen, Verdict::allow},
      {"another patient", patient(9), read_appt, a_at_allen, Verdict::forbidden},
      {"patient on a staff-only route", patient(7), clinical, a_at_allen, Verdict::forbidden},
      {"patient, body unreadable: closed", patient(7), read_appt, unreadable, Verdict::forbidden},
      {"staff, no location resolved: closed", staff(Role::front_desk, {kAllen}), read_appt, unreadable, Verdict::forbidden},
      {"staff, resource at no location: closed", staff(Role::front_desk, {kAllen}), read_appt, nowhere, Verdict::forbidden},
      {"owner of a resource at no location", patient(7), read_appt, nowhere, Verdict::allow},
      {"front desk at the location", staff(Role::front_desk, {kAllen}), read_appt, a_at_allen, Verdict::allow},
      {"front desk elsewhere", staff(Role::front_desk, {kAllen}), read_appt, a_at_frisco, Verdict::forbidden},
      {"front desk at two locations", staff(Role::front_desk, {kAllen, kFrisco}), read_appt, a_at_frisco, Verdict::allow},
      {"front desk, clinical content", staff(Role::front_desk, {kAllen}), clinical, a_at_allen, Verdict::forbidden},
      {"nurse, clinical content", staff(Role::nurse, {kAllen}), clinical, a_at_allen, Verdict::allow},
      {"nurse elsewhere, clinical", staff(Role::nurse, {kAllen}), clinical, a_at_frisco, Verdict::forbidden},
      {"patient of no location yet", staff(Role::front_desk, {kFrisco}), read_appt, new_patient, Verdict::allow},
      {"admin, no clinical", staff(Role::admin, {}), clinical, a_at_allen, Verdict::forbidden},
      {"admin, audit anywhere", staff(Role::admin, {}), {P::audit_read, false}, unreadable, Verdict::allow},
  };
}

TEST(AuthorizeTest, DecisionsFollowTheTableOwnershipAndLocations) {
  for (const auto& c : cases()) EXPECT_EQ(authorize(c.who, c.access, c.scope), c.expected) << c.name;
}

TEST(AuthorizeTest, MayAttemptOnlyWithThePermissionOrAsAPossibleOwner) {
  EXPECT_TRUE(may_attempt(patient(7), {P::schedule_read, true}));
  EXPECT_FALSE(may_attempt(patient(7), {P::schedule_read, false}));
  EXPECT_FALSE(may_attempt(staff(Role::front_desk, {kAllen}), {P::clinical_read, false}));
  EXPECT_TRUE(may_attempt(Principal{}, {P::public_, false}));
}

TEST(AuthorizeTest, TheActorOfAPrincipalNamesItsKindAndAccount) {
  EXPECT_EQ(patient(7).actor().kind, "patient");
  EXPECT_EQ(patient(7).actor().id, "27");
  EXPECT_EQ(staff(Role::nurse, {}).actor().kind, "staff");
  EXPECT_EQ(Principal{}.actor().kind, "anonymous");
}

}  // namespace
}  // namespace kc::auth
