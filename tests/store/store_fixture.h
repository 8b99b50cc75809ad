#pragma once
// Temporary SQLite databases for store tests: a unique file per test, removed
// (with its -wal and -shm) afterwards; the clinic of tests/clinic/fixtures.h
// seeded into it; a clock the test sets.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "../clinic/fixtures.h"
#include "clinic/ports.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::store::sqlite::testing {

inline std::string temp_db_path() {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() / fmt::format("kc-store-{}-{}.db", getpid(), counter++)).string();
}

inline void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

class FixedClock final : public clinic::Clock {
 public:
  explicit FixedClock(clinic::Instant t) : t_(t) {}
  clinic::Instant now() const override { return t_.load(); }
  void set(clinic::Instant t) { t_ = t; }

 private:
  std::atomic<clinic::Instant> t_;
};

// Counts rows with plain SQL, independent of the store's own code.
inline std::int64_t count(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
    n = sqlite3_column_int64(stmt, 0);
  else
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = temp_db_path();
    auto opened = SqliteStore::open(path);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store = std::move(*opened);
    auto data = clinic::testing::clinic_data();
    ASSERT_TRUE(store->seed_directory(data).has_value());
    ASSERT_TRUE(store->sync_appointment_types(data.types).has_value());
    auto loaded = store->load_directory();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    directory = clinic::Directory(std::move(*loaded));
  }
  void TearDown() override {
    store.reset();
    remove_db(path);
  }

  clinic::Patient new_patient(const char* given = "Alex") {
    clinic::Patient p;
    p.given_name = given;
    p.family_name = "Demo";
    p.date_of_birth = date::year{1980} / 1 / 2;
    p.created_at = p.updated_at = clinic::testing::at("2026-10-01T00:00:00Z");
    return store->create_patient(p).value();
  }

  std::string path;
  std::unique_ptr<SqliteStore> store;
  clinic::Directory directory;
};

}  // namespace kc::store::sqlite::testing
