#pragma once
// The ports of one database, whichever backend holds it: one class per port
// family over the backend's engine (clinic_records.h, measures_records.h,
// auth_records.h), and the upkeep the command line needs. The composition
// root holds a Store from store::open (store/open_store.h) and hands each use
// case the port it needs; a backend derives from it and owns the engine.
#include <string>

#include "store/sql/auth_records.h"
#include "store/sql/clinic_records.h"
#include "store/sql/measures_records.h"

namespace kc::store::sql {

class Store : public ClinicRecords, public MeasuresRecords, public AuthRecords {
 public:
  Store(Engine& engine, std::int64_t longest_reservation_s)
      : ClinicRecords(engine, longest_reservation_s), MeasuresRecords(engine), AuthRecords(engine) {}
  // A consistent copy of the live database at `target`, taken while writes go on;
  // invalid_argument (field "file") when `target` is the database itself.
  virtual Result<void> backup_to(const std::string& target) = 0;
};

}  // namespace kc::store::sql
