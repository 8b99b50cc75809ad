#pragma once
// The ports of one database, whichever backend holds it: the clinic's
// (clinic/ports.h), measurement-based care's (clinic/measures_ports.h) and
// sign-in's (auth/ports.h), and the upkeep the command line needs. The
// composition root holds a Store from store::open (store/open_store.h) and
// hands each use case the port it needs.
#include <string>

#include "auth/ports.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"

namespace kc::store::sql {

class Store : public clinic::ClinicStore, public clinic::MeasuresStore, public auth::AuthStore {
 public:
  // A consistent copy of the live database at `target`, taken while writes go on;
  // invalid_argument (field "file") when `target` is the database itself.
  virtual Result<void> backup_to(const std::string& target) = 0;
};

}  // namespace kc::store::sql
