#pragma once
// Content codings (RFC 9110 §8.4.1, §12.5.3): what a request's Accept-Encoding
// allows, and which of the codings a response is available in to send.
// - Coding names compare case-insensitively; "x-gzip" is gzip. "*" stands for
//   every coding the header does not name; identity is acceptable unless the
//   header gives it (or "*", when identity is not named) q=0.
// - A q-value is 0 to 1 with up to three decimals; an entry whose q cannot be
//   read is ignored, as if it were not listed.
// - choose_coding takes the highest q among the available codings and identity
//   (identity the header does not list ranks below every coding it lists),
//   preferring br, then gzip, then identity on equal q; when nothing acceptable
//   is available the answer is identity (RFC 9110: "ought to respond without
//   any content coding"), so a response is never refused for its coding.
// An absent header and an empty one both get identity. Pure functions.
#include <string_view>

namespace kc::http {

enum class Coding { identity, gzip, br };

// The value of Content-Encoding for `coding` ("" for identity), and the suffix of
// its precompressed file (".br", ".gz"; "" for identity).
std::string_view coding_name(Coding coding);
std::string_view coding_suffix(Coding coding);

// The q-value the header gives `coding`, in thousandths (0..1000).
int accepted_weight(std::string_view accept_encoding, Coding coding);

struct Available {
  bool br = false;
  bool gzip = false;
};

Coding choose_coding(std::string_view accept_encoding, Available available);

}  // namespace kc::http
