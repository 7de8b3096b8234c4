#pragma once
// Document tree -> Plan (SPEC §1.1, §2). Every problem is reported with file:line:column.

#include "model.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// Throws InputError listing every problem found in the plan.
Plan load_plan(const Document& doc);

}  // namespace plantrack
