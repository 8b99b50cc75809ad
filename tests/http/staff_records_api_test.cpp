// The clinic directory's staff records for the Users screen: administrators
// read them (code, name, roles, locations) to link an account; nobody else.
#include <algorithm>

#include "server_fixture.h"

namespace kc::http {
namespace {

using testing::ApiServerTest;
using testing::json;

class StaffRecordsApiTest : public ApiServerTest {};

TEST_F(StaffRecordsApiTest, AdministratorsListTheDirectorysStaffRecordsToLinkAccounts) {
  const auto admin = login_staff("admin");
  auto r = send_as(admin, "GET", "/api/v1/staff");
  ASSERT_EQ(r->status, 200) << r->body;
  const auto staff = json::parse(r->body)["staff"];
  ASSERT_EQ(staff.size(), directory.staff().size());
  auto avery = std::find_if(staff.begin(), staff.end(), [](const json& s) { return s["code"] == "avery-demo"; });
  ASSERT_NE(avery, staff.end());
  const auto* record = &*std::find_if(directory.staff().begin(), directory.staff().end(),
                                      [](const auto& s) { return s.code == "avery-demo"; });
  EXPECT_EQ((*avery)["name"], record->display_name);
  EXPECT_NE(std::find((*avery)["roles"].begin(), (*avery)["roles"].end(), "prescriber"), (*avery)["roles"].end());
  EXPECT_NE(std::find((*avery)["locations"].begin(), (*avery)["locations"].end(), "allen"), (*avery)["locations"].end());
  EXPECT_EQ(send_as(login_staff("desk-allen"), "GET", "/api/v1/staff")->status, 403);
  EXPECT_EQ(send_as(login_staff("prescriber-allen"), "GET", "/api/v1/staff")->status, 403);
  EXPECT_EQ(anonymous().Get("/api/v1/staff")->status, 401);
}

}  // namespace
}  // namespace kc::http
