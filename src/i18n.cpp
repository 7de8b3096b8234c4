#include "i18n.hpp"

#include <utility>
#include <vector>

#include <fmt/format.h>

namespace plantrack {

const char* word(Word w, Lang lang) {
  switch (w) {
    case Word::id:
      return message_text(Msg::word_id, lang).data();
    case Word::name:
      return message_text(Msg::word_name, lang).data();
    case Word::unit:
      return message_text(Msg::word_unit, lang).data();
    case Word::target:
      return message_text(Msg::word_target, lang).data();
    case Word::actual:
      return message_text(Msg::word_actual, lang).data();
    case Word::progress:
      return message_text(Msg::word_progress, lang).data();
    case Word::expected:
      return message_text(Msg::word_expected, lang).data();
    case Word::pace:
      return message_text(Msg::word_pace, lang).data();
    case Word::remaining:
      return message_text(Msg::word_remaining, lang).data();
    case Word::variance:
      return message_text(Msg::word_variance, lang).data();
    case Word::status:
      return message_text(Msg::word_status, lang).data();
    case Word::as_of:
      return message_text(Msg::word_as_of, lang).data();
    case Word::targets:
      return message_text(Msg::word_targets, lang).data();
    case Word::findings:
      return message_text(Msg::word_findings, lang).data();
    case Word::no_targets:
      return message_text(Msg::word_no_targets, lang).data();
    case Word::no_findings:
      return message_text(Msg::word_no_findings, lang).data();
    case Word::filter:
      return message_text(Msg::word_filter, lang).data();
    case Word::filter_tag:
      return message_text(Msg::word_filter_tag, lang).data();
    case Word::filter_owner:
      return message_text(Msg::word_filter_owner, lang).data();
    case Word::severity:
      return message_text(Msg::word_severity, lang).data();
    case Word::due:
      return message_text(Msg::word_due, lang).data();
    case Word::owner:
      return message_text(Msg::word_owner, lang).data();
    case Word::minimum:
      return message_text(Msg::word_minimum, lang).data();
    case Word::maximum:
      return message_text(Msg::word_maximum, lang).data();
    case Word::baseline:
      return message_text(Msg::word_baseline, lang).data();
    case Word::done_on:
      return message_text(Msg::word_done_on, lang).data();
    case Word::code:
      return message_text(Msg::word_code, lang).data();
    case Word::message:
      return message_text(Msg::word_message, lang).data();
    case Word::file:
      return message_text(Msg::word_file, lang).data();
    case Word::line:
      return message_text(Msg::word_line, lang).data();
    case Word::column:
      return message_text(Msg::word_column, lang).data();
    case Word::filter_by:
      return message_text(Msg::word_filter_by, lang).data();
    case Word::note:
      return message_text(Msg::word_note, lang).data();
    case Word::unnamed_reporter:
      return message_text(Msg::word_unnamed_reporter, lang).data();
    case Word::source:
      return message_text(Msg::word_source, lang).data();
    case Word::filter_problems:
      return message_text(Msg::word_filter_problems, lang).data();
    case Word::legend:
      return message_text(Msg::word_legend, lang).data();
    case Word::plan_file:
      return message_text(Msg::word_plan_file, lang).data();
    case Word::field:
      return message_text(Msg::word_field, lang).data();
    case Word::old_value:
      return message_text(Msg::word_old_value, lang).data();
    case Word::new_value:
      return message_text(Msg::word_new_value, lang).data();
    case Word::change:
      return message_text(Msg::word_change, lang).data();
    case Word::lowered:
      return message_text(Msg::word_lowered, lang).data();
    case Word::no_changes:
      return message_text(Msg::word_no_changes, lang).data();
    case Word::added:
      return message_text(Msg::word_added, lang).data();
    case Word::removed:
      return message_text(Msg::word_removed, lang).data();
    case Word::moved:
      return message_text(Msg::word_moved, lang).data();
    case Word::date:
      return message_text(Msg::word_date, lang).data();
    case Word::trend:
      return message_text(Msg::word_trend, lang).data();
    case Word::previous:
      return message_text(Msg::word_previous, lang).data();
    case Word::worsened:
      return message_text(Msg::word_worsened, lang).data();
    case Word::revised:
      return message_text(Msg::word_revised, lang).data();
    case Word::original:
      return message_text(Msg::word_original, lang).data();
    case Word::sparkline_legend:
      return message_text(Msg::word_sparkline_legend, lang).data();
    case Word::chart_actual:
      return message_text(Msg::word_chart_actual, lang).data();
    case Word::chart_expected:
      return message_text(Msg::word_chart_expected, lang).data();
    case Word::period_change:
      return message_text(Msg::word_period_change, lang).data();
    case Word::previous_status:
      return message_text(Msg::word_previous_status, lang).data();
    case Word::chart_target:
      return message_text(Msg::word_chart_target, lang).data();
  }
  return "";
}

std::string header_word(Word w, Lang lang) {
  std::string s = word(w, lang);
  if (lang == Lang::en)
    for (char& c : s)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string date_list_text(std::span<const Date> dates, Lang lang) {
  std::string out;
  for (Date d : dates)
    out += (out.empty() ? std::string() : std::string(message_text(Msg::list_separator, lang))) +
           format_date(d);
  return out;
}

const char* html_lang(Lang lang) {
  return lang == Lang::zh ? "zh-CN" : "en";
}

// The English texts are the status and severity codes (status_name, severity_name).
const char* status_label(Status s, Lang lang) {
  if (lang == Lang::en) return status_name(s);
  switch (s) {
    case Status::done:
      return message_text(Msg::status_done, lang).data();
    case Status::late:
      return message_text(Msg::status_late, lang).data();
    case Status::above_range:
      return message_text(Msg::status_above_range, lang).data();
    case Status::breached:
      return message_text(Msg::status_breached, lang).data();
    case Status::overdue:
      return message_text(Msg::status_overdue, lang).data();
    case Status::pending:
      return message_text(Msg::status_pending, lang).data();
    case Status::missing:
      return message_text(Msg::status_missing, lang).data();
    case Status::on_track:
      return message_text(Msg::status_on_track, lang).data();
    case Status::at_risk:
      return message_text(Msg::status_at_risk, lang).data();
    case Status::behind:
      return message_text(Msg::status_behind, lang).data();
  }
  return "?";
}

const char* severity_label(Severity s, Lang lang) {
  if (lang == Lang::en) return severity_name(s);
  switch (s) {
    case Severity::info:
      return message_text(Msg::severity_info, lang).data();
    case Severity::ok:
      return message_text(Msg::severity_ok, lang).data();
    case Severity::warn:
      return message_text(Msg::severity_warn, lang).data();
    case Severity::fail:
      return message_text(Msg::severity_fail, lang).data();
  }
  return "?";
}

std::string status_counts(const Summary& s, Lang lang) {
  std::string out;
  for (int i = 0; i < k_status_count; ++i) {
    int n = s.by_status[static_cast<size_t>(i)];
    if (n == 0) continue;
    if (!out.empty()) out += message_text(Msg::counts_separator, lang);
    out += tr_in(lang, Msg::count_status, fmt::arg("n", n),
                 fmt::arg("status", status_label(static_cast<Status>(i), lang)));
  }
  return out;
}

std::string summary_sentence(const Report& report, Lang lang) {
  const Summary& s = report.summary;
  std::string counts = status_counts(s, lang);
  FindingCounts f = count_findings(report.findings);
  return tr_in(lang,
               one_or_many(static_cast<size_t>(s.targets), Msg::summary_one, Msg::summary_many),
               fmt::arg("date", format_date(report.as_of)), fmt::arg("targets", s.targets),
               fmt::arg("counts", counts.empty()
                                      ? std::string()
                                      : tr_in(lang, Msg::summary_counts, fmt::arg("list", counts))),
               fmt::arg("ok", s.ok), fmt::arg("warn", s.warn), fmt::arg("fail", s.fail),
               fmt::arg("findings_fail", f.fail), fmt::arg("findings_warn", f.warn),
               fmt::arg("findings_info", f.info));
}

std::string exit_sentence(const Report& report, bool strict, Lang lang) {
  const Summary& s = report.summary;
  std::vector<std::string> reasons;
  auto counted = [&](Severity sev) {
    return sev == Severity::fail || (strict && sev == Severity::warn);
  };
  // Statuses worst first: fail ones (behind, overdue, breached), then warn ones under --strict.
  for (Severity sev : {Severity::fail, Severity::warn}) {
    if (!counted(sev)) continue;
    for (int i = k_status_count; i-- > 0;) {
      auto st = static_cast<Status>(i);
      int n = s.by_status[static_cast<size_t>(i)];
      if (n == 0 || status_severity(st) != sev) continue;
      reasons.push_back(tr_in(
          lang, one_or_many(static_cast<size_t>(n), Msg::exit_status_one, Msg::exit_status_many),
          fmt::arg("n", n), fmt::arg("status", status_label(st, lang))));
    }
  }
  FindingCounts f = count_findings(report.findings);
  for (auto [sev, n] : {std::pair{Severity::fail, f.fail}, std::pair{Severity::warn, f.warn}}) {
    if (!counted(sev) || n == 0) continue;
    reasons.push_back(tr_in(
        lang, one_or_many(static_cast<size_t>(n), Msg::exit_finding_one, Msg::exit_finding_many),
        fmt::arg("n", n), fmt::arg("severity", severity_label(sev, lang))));
  }
  std::string note = strict ? tr_in(lang, Msg::exit_strict_note) : std::string();
  if (reasons.empty())
    return tr_in(lang, strict ? Msg::exit_0_strict : Msg::exit_0, fmt::arg("note", note));
  std::string list;
  for (const std::string& r : reasons)
    list +=
        (list.empty() ? std::string() : std::string(message_text(Msg::counts_separator, lang))) + r;
  return tr_in(lang, Msg::exit_1, fmt::arg("note", note), fmt::arg("list", list));
}

std::string summary_paragraph(const Report& report, Lang lang) {
  std::string s = summary_sentence(report, lang);
  if (lang == Lang::en) s[0] = static_cast<char>(s[0] - 'a' + 'A');  // "as of" -> "As of"
  return s + std::string(message_text(Msg::summary_end, lang));
}

}  // namespace plantrack
