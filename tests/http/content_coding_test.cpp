// Accept-Encoding as RFC 9110 §12.5.3 reads it: q-values, "*", identity's
// default, case and the fallback to identity when nothing acceptable is there.
#include "http/content_coding.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kc::http {
namespace {

struct Case {
  std::string header;
  Available available;
  Coding expected;
};

constexpr Available kBoth{.br = true, .gzip = true};
constexpr Available kGzipOnly{.br = false, .gzip = true};
constexpr Available kNone{};

TEST(ContentCodingTest, ChoosesByQValueThenBrThenGzipThenIdentity) {
  const std::vector<Case> cases{
      {"", kBoth, Coding::identity},
      {"   ", kBoth, Coding::identity},
      {"gzip, deflate, br", kBoth, Coding::br},
      {"br", kBoth, Coding::br},
      {"gzip", kBoth, Coding::gzip},
      {"deflate", kBoth, Coding::identity},
      {"identity", kBoth, Coding::identity},
      {"br;q=0, gzip", kBoth, Coding::gzip},
      {"br;q=0.4, gzip;q=0.5", kBoth, Coding::gzip},
      {"gzip;q=1, br;q=0.999", kBoth, Coding::gzip},
      {"gzip;q=0.5, identity;q=0", kBoth, Coding::gzip},
      {"identity;q=1, br;q=0.9", kBoth, Coding::identity},
      {"identity;q=0.5, br;q=0.5", kBoth, Coding::br},
      {"*", kBoth, Coding::br},
      {"*;q=0.2, br;q=0", kBoth, Coding::gzip},
      {"BR, GZIP", kBoth, Coding::br},
      {"x-gzip", kBoth, Coding::gzip},
      {"br ; q=0.8 , gzip ; Q=0.9", kBoth, Coding::gzip},
      {"gzip;level=1;q=0.5", kBoth, Coding::gzip},
      {"br;q=abc, gzip;q=0.1", kBoth, Coding::gzip},  // an unreadable q drops its entry
      {"br;q=1.5", kBoth, Coding::identity},
      {"br;q=0.0001", kBoth, Coding::identity},
      {"br;q=", kBoth, Coding::identity},
      {",,br,,", kBoth, Coding::br},
      {"br", kGzipOnly, Coding::identity},
      {"br, gzip;q=0.1", kGzipOnly, Coding::gzip},
      {"gzip, br", kNone, Coding::identity},
      // Nothing acceptable is available: identity all the same (never a 406).
      {"identity;q=0", kBoth, Coding::identity},
      {"*;q=0", kBoth, Coding::identity},
      {"br, identity;q=0", kGzipOnly, Coding::identity},
  };
  for (const auto& c : cases)
    EXPECT_EQ(choose_coding(c.header, c.available), c.expected)
        << "'" << c.header << "' br=" << c.available.br << " gzip=" << c.available.gzip;
}

TEST(ContentCodingTest, WeightsInThousandths) {
  EXPECT_EQ(accepted_weight("br;q=0.25", Coding::br), 250);
  EXPECT_EQ(accepted_weight("br;q=1.000", Coding::br), 1000);
  EXPECT_EQ(accepted_weight("gzip", Coding::br), 0);
  EXPECT_EQ(accepted_weight("gzip", Coding::identity), 1000);  // identity unless excluded
  EXPECT_EQ(accepted_weight("*;q=0", Coding::identity), 0);
  EXPECT_EQ(accepted_weight("*;q=0, identity;q=0.1", Coding::identity), 100);
  EXPECT_EQ(accepted_weight("*;q=0.3", Coding::gzip), 300);
}

TEST(ContentCodingTest, NamesAndSuffixes) {
  EXPECT_EQ(coding_name(Coding::br), "br");
  EXPECT_EQ(coding_name(Coding::gzip), "gzip");
  EXPECT_EQ(coding_name(Coding::identity), "");
  EXPECT_EQ(coding_suffix(Coding::br), ".br");
  EXPECT_EQ(coding_suffix(Coding::gzip), ".gz");
}

}  // namespace
}  // namespace kc::http
