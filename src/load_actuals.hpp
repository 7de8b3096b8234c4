#pragma once
// Document tree -> actual entries (SPEC §1.2), map form and list form.

#include <optional>
#include <string>
#include <string_view>

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
// The rules of an entry that the spreadsheet readers (read_csv, read_xlsx) share with the YAML
// list form. `done`'s text: true/True/yes (done, dated `date`), false/False/no, or a date;
// false when it is none of these. parse_done_date takes only a date (a quoted YAML scalar).
bool parse_done(std::string_view text, std::optional<Date> date, Entry& e);
bool parse_done_date(std::string_view text, Entry& e);
std::string done_error(std::string_view text);
// "`95%` is a percentage but the entry says unit 户", or "" when the entry's unit allows it.
std::string percent_unit_error(const Entry& e, std::string_view text, std::string_view unit);

void append_actuals(Actuals& into, Actuals&& from, const Plan* plan = nullptr);

}  // namespace plantrack
