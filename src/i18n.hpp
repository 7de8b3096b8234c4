#pragma once
// The words of the human-facing outputs in English and Chinese. Status codes, JSON and CSV keys
// stay English whatever the language.

#include <span>
#include <string>

#include "messages.hpp"
#include "report.hpp"

namespace plantrack {

enum class Word {
  id,
  name,
  unit,
  target,
  actual,
  progress,
  expected,
  pace,
  remaining,
  variance,
  status,
  as_of,
  targets,
  findings,
  no_targets,
  no_findings,
  filter,
  filter_tag,
  filter_owner,
  filter_problems,
  legend,
  plan_file,
  // the xlsx report's headers
  severity,
  due,
  owner,
  minimum,
  maximum,
  baseline,
  done_on,
  code,
  message,
  file,
  line,
  column,
  filter_by,
  note,
  unnamed_reporter,
  source,
  field,
  old_value,
  new_value,
  change,
  lowered,
  no_changes,
  added,
  removed,
  moved,
  date,
  trend,
  previous,
  worsened,
  revised,
  original,
  sparkline_legend,
  chart_actual,
  chart_expected,
  chart_target,
  period_change,
  previous_status,
};

// A column header or label: "Progress" / "完成率".
const char* word(Word w, Lang lang);

// A column header of the plain-text tables: the word in capitals in English ("PROGRESS"), as it
// is in Chinese (完成率).
std::string header_word(Word w, Lang lang);

// Dates as a list: "2024-03-31, 2024-06-30" / "2024-03-31、2024-06-30".
std::string date_list_text(std::span<const Date> dates, Lang lang);

// The html reports' lang attribute: "en" / "zh-CN".
const char* html_lang(Lang lang);

// The status as a person reads it: "on-track" / "进度正常"; `behind` reads 滞后.
const char* status_label(Status s, Lang lang);

// "ok", "warn", "fail", "info" / 正常, 警告, 失败, 提示.
const char* severity_label(Severity s, Lang lang);

// "3 done, 1 pending, 16 on-track" / "已完成3项，未到期1项，进度正常16项" (non-zero counts only).
std::string status_counts(const Summary& s, Lang lang);

// "as of 2024-09-30: 24 targets: 3 done, … (ok 20, warn 3, fail 1); findings: fail 1, warn 2,
// info 0" /
// "截至2024-09-30，共24项目标：已完成3项，…（正常20项，警告3项，失败1项）；发现问题：失败1项，
// 警告2项，提示0项".
std::string summary_sentence(const Report& report, Lang lang);
// The same as a paragraph: "As of …(ok 20, warn 3, fail 1)." / "截至…（…）。"
std::string summary_paragraph(const Report& report, Lang lang);

// Why the exit status is what it is, in one line: "exit 1: 1 target behind, 1 fail finding";
// "exit 0: no target or finding has severity fail" (with --strict: "warn or fail").
std::string exit_sentence(const Report& report, bool strict, Lang lang);

}  // namespace plantrack
