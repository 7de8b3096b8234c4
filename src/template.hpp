#pragma once
// `template`: an actuals file to fill in, printed from a plan. Values are left empty (= not
// reported yet, SPEC §1.2), so the file is valid as printed and again once filled in.

#include <ostream>
#include <string>
#include <string_view>

#include "model.hpp"

namespace plantrack {

enum class TemplateForm { map, list };

struct TemplateOptions {
  std::string plan_path;  // named in the header comment
  Date as_of;             // the map form's as_of; every entry's date in the list form
  std::string by;         // reported_by, "" = a commented-out placeholder
  TemplateForm form = TemplateForm::map;
  std::string schema;  // the actuals schema for editors (a yaml-language-server line), "" = none
};

void write_template(const Plan& plan, const TemplateOptions& options, std::ostream& out);

// Whether a template asks for the target's own value: leaves (numeric or milestone), and numeric
// parents that get nothing from their children (rollup none, or no child in a convertible unit).
bool reported_directly(const Plan& plan, const Target& t);

// The as_of a template uses when none is given: today, kept within the plan period.
Date default_template_date(const Plan& plan, Date today);

// `s` as one YAML scalar that reads back as the same text: plain when that is safe, else in
// double quotes with escapes.
std::string yaml_scalar(std::string_view s);

// `s` made safe inside a YAML comment: control characters and line separators escaped.
std::string comment_text(std::string_view s);

}  // namespace plantrack
