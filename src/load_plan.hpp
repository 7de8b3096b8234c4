#pragma once
// Document tree -> Plan (SPEC §1.1, §2). Every problem is reported with file:line:column.

#include "model.hpp"
#include "plan_pieces_parts.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// Throws InputError listing every problem found in the plan. With `lint_marks`, also fills
// Plan::lint_marks (for validate).
Plan load_plan(const Document& doc, bool lint_marks = false);

// The same from the plan's head (where `targets:` is empty) and its pieces (read_in_parallel).
Plan load_plan(const Document& head, const NextPiece& pieces, bool lint_marks = false);

}  // namespace plantrack
