#pragma once
// Which characters text typed by people may hold, and how text from outside is
// made safe for a log line. Pure functions over UTF-8 bytes.
//
// Refused in every text field (docs/security.md, "Input rules"): invalid UTF-8
// (stray or missing continuation bytes, overlong forms, UTF-16 surrogates, code
// points above U+10FFFF); the C0 controls U+0000-U+001F (NUL, ESC, CR, LF, TAB
// ...), DEL U+007F and the C1 controls U+0080-U+009F; the bidirectional
// embeddings and overrides U+202A-U+202E and isolates U+2066-U+2069, which
// make text display in another order than it is stored ("Trojan Source"); and
// the line and paragraph separators U+2028/U+2029. Multi-line free text
// (notes, reasons, actions taken) may also hold LF and TAB; there CRLF and a
// lone CR are stored as LF.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kc {

enum class TextKind {
  line,       // names, emails, codes: one line
  multiline,  // free text a person writes in a text area
};

// The text as stored (multiline: line breaks normalised to LF), or
// invalid_argument naming `field` with reason "invalid_characters" and a
// message that says which character was refused and where (1-based position
// in characters; a byte offset for invalid UTF-8).
Result<std::string> check_text(std::string_view text, TextKind kind, std::string_view field);

// The text with every character check_text refuses left out (invalid UTF-8
// becomes U+FFFD; multiline: CRLF and CR become LF), for an output that must
// carry whatever is stored, such as a calendar file.
std::string scrub_text(std::string_view text, TextKind kind);

// Text from outside (a request path, a library's error message) for a log
// line: printable ASCII is kept, a backslash is doubled, every other byte is
// written as \xHH, so a line can never be split, coloured, reordered or made
// invalid UTF-8 by what a client sent. At most `max_bytes` of the input are
// written, then "...".
std::string log_safe(std::string_view text, std::size_t max_bytes = 256);

}  // namespace kc
