#pragma once
// Document tree -> Plan (SPEC §1.1, §2). Every problem is reported with file:line:column.

#include <functional>
#include <memory>

#include "model.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// Throws InputError listing every problem found in the plan. With `lint_marks`, also fills
// Plan::lint_marks (for validate).
Plan load_plan(const Document& doc, bool lint_marks = false);

// The items of `targets` of a plan cut with split_top_sequence, in file order; nullptr after
// the last. It may throw (a piece that does not parse), which load_plan passes on.
using NextPiece = std::function<std::unique_ptr<Document>()>;

// The same from the plan's head (where `targets:` is empty) and its pieces.
Plan load_plan(const Document& head, const NextPiece& pieces, bool lint_marks = false);

}  // namespace plantrack
