#pragma once
// `template --format csv|xlsx`: the YAML template's skeleton as a spreadsheet (SPEC §9). One row
// per target to report (reported_directly), columns id, name, unit, target, due, date, value,
// done, by, note with headers in the --lang language; read back by read_csv / read_xlsx, which
// know every one of these columns.

#include <ostream>

#include "i18n.hpp"
#include "model.hpp"
#include "template.hpp"

namespace plantrack {

// UTF-8 with a BOM (so that Excel shows Chinese text), CRLF line ends.
void write_csv_template(const Plan& plan, const TemplateOptions& options, Lang lang,
                        std::ostream& out);

// Sheet `actuals`; id, name, unit, target and due are locked (the sheet is protected without a
// password), the value column takes numbers only, a milestone's row takes `done` instead.
void write_xlsx_template(const Plan& plan, const TemplateOptions& options, Lang lang,
                         std::ostream& out);

}  // namespace plantrack
