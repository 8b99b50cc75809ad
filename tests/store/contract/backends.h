#pragma once
// The backends the contract suite runs every port against, one trait each:
// it makes a fresh, empty store and hands out the ports it implements. A new
// backend (PostgreSQL) is a new trait here and an entry in the lists of the
// port families it implements; the cases themselves do not change.
//
// A trait has `kName` (the test name's suffix), a default constructor that
// makes the empty store, a destructor that removes it, and for each family it
// is listed in: `clinic()` (ClinicStore), `measures()` (MeasuresStore) and
// `auth()` (AuthStore). The measures and auth families also need `clinic()`,
// since their records belong to patients.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "../../clinic/fake_store.h"
#include "../store_fixture.h"
#include "auth/ports.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::contract {

// One SQLite file in the temporary directory, removed afterwards.
class SqliteBackend {
 public:
  static constexpr std::string_view kName = "sqlite";

  SqliteBackend() : path_(store::sqlite::testing::temp_db_path()) {
    auto opened = store::sqlite::SqliteStore::open(path_);
    if (!opened) ADD_FAILURE() << "cannot open " << path_ << ": " << opened.error().message;
    else store_ = std::move(*opened);
  }
  ~SqliteBackend() {
    store_.reset();
    store::sqlite::testing::remove_db(path_);
  }
  SqliteBackend(const SqliteBackend&) = delete;
  SqliteBackend& operator=(const SqliteBackend&) = delete;

  clinic::ClinicStore& clinic() { return *store_; }
  clinic::MeasuresStore& measures() { return *store_; }
  auth::AuthStore& auth() { return *store_; }

 private:
  std::string path_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

// The in-memory fake of the domain tests (tests/clinic/fake_store.h).
class FakeBackend {
 public:
  static constexpr std::string_view kName = "fake";
  clinic::ClinicStore& clinic() { return store_; }

 private:
  clinic::testing::FakeStore store_;
};

// Which backends implement which ports.
using ClinicBackends = ::testing::Types<SqliteBackend, FakeBackend>;
using MeasuresBackends = ::testing::Types<SqliteBackend>;
using AuthBackends = ::testing::Types<SqliteBackend>;

// "ClinicContract/sqlite.Case" rather than "ClinicContract/0.Case".
struct BackendName {
  template <class Backend>
  static std::string GetName(int) {
    return std::string(Backend::kName);
  }
};

}  // namespace kc::contract
