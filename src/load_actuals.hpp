#pragma once
// Document tree -> actual entries (SPEC §1.2), map form and list form.

#include <optional>

#include "model.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// Appends the file and its entries to `out`. `cli_as_of` dates map-form files without as_of.
// Throws InputError listing every problem found in the file.
void load_actuals(const Document& doc, std::optional<Date> cli_as_of, Actuals& out);

// Moves `from`'s files and entries to the end of `into` (ids copied into `into`'s arena, units
// and reporters renumbered into its names, file numbers shifted); `from` is left empty. With a
// plan, an id the plan has becomes a view of the target's full id instead of a copy (a million
// entries' ids cost nothing), and `into` is then only valid with that plan.
void append_actuals(Actuals& into, Actuals&& from, const Plan* plan = nullptr);

}  // namespace plantrack
