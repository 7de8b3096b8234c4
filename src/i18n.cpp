#include "i18n.hpp"

#include <utility>
#include <vector>

#include <fmt/format.h>

namespace plantrack {

namespace {

struct Pair {
  const char* en;
  const char* zh;
};

const char* pick(const Pair& p, Lang lang) {
  return lang == Lang::zh ? p.zh : p.en;
}

}  // namespace

const char* word(Word w, Lang lang) {
  switch (w) {
    case Word::id:
      return pick({"ID", "编号"}, lang);
    case Word::name:
      return pick({"Name", "名称"}, lang);
    case Word::unit:
      return pick({"Unit", "单位"}, lang);
    case Word::target:
      return pick({"Target", "目标"}, lang);
    case Word::actual:
      return pick({"Actual", "实际"}, lang);
    case Word::progress:
      return pick({"Progress", "完成率"}, lang);
    case Word::expected:
      return pick({"Expected", "序时进度"}, lang);
    case Word::pace:
      return pick({"Pace", "进度比"}, lang);
    case Word::remaining:
      return pick({"Remaining", "尚差"}, lang);
    case Word::variance:
      return pick({"Variance", "偏差"}, lang);
    case Word::status:
      return pick({"Status", "状态"}, lang);
    case Word::as_of:
      return pick({"as of", "截至"}, lang);
    case Word::targets:
      return pick({"Targets", "目标"}, lang);
    case Word::findings:
      return pick({"Findings", "发现的问题"}, lang);
    case Word::no_targets:
      return pick({"No targets match the filter.", "没有符合筛选条件的目标。"}, lang);
    case Word::no_findings:
      return pick({"No findings.", "未发现问题。"}, lang);
    case Word::filter:
      return pick({"Filter", "筛选"}, lang);
    case Word::filter_tag:
      return pick({"tag", "标签为"}, lang);
    case Word::filter_owner:
      return pick({"owner", "责任单位为"}, lang);
    case Word::severity:
      return pick({"Severity", "级别"}, lang);
    case Word::due:
      return pick({"Due", "截止日期"}, lang);
    case Word::owner:
      return pick({"Owner", "责任单位"}, lang);
    case Word::minimum:
      return pick({"Min", "下限"}, lang);
    case Word::maximum:
      return pick({"Max", "上限"}, lang);
    case Word::baseline:
      return pick({"Baseline", "基数"}, lang);
    case Word::done_on:
      return pick({"Done on", "完成日期"}, lang);
    case Word::code:
      return pick({"Code", "代码"}, lang);
    case Word::message:
      return pick({"Message", "说明"}, lang);
    case Word::file:
      return pick({"File", "文件"}, lang);
    case Word::line:
      return pick({"Line", "行"}, lang);
    case Word::column:
      return pick({"Column", "列"}, lang);
    case Word::filter_by:
      return pick({"reporter", "填报单位为"}, lang);
    case Word::note:
      return pick({"note: ", "说明："}, lang);
    case Word::unnamed_reporter:
      return pick({"(unnamed reporter)", "（未署名）"}, lang);
    case Word::source:
      return pick({"source", "来源"}, lang);
    case Word::filter_problems:
      return pick({"only problems (warn, fail)", "仅显示问题项（警告、失败）"}, lang);
    case Word::legend:
      return pick({"Bar: progress toward the target. Tick: expected by now.",
                   "进度条：完成率；竖线：序时进度（按计划此时应达到的位置）。"},
                  lang);
    case Word::plan_file:
      return pick({"Plan", "计划文件"}, lang);
    case Word::field:
      return pick({"Field", "字段"}, lang);
    case Word::old_value:
      return pick({"Old", "原值"}, lang);
    case Word::new_value:
      return pick({"New", "新值"}, lang);
    case Word::change:
      return pick({"Change", "变化"}, lang);
    case Word::lowered:
      return pick({"lowered", "调低"}, lang);
    case Word::no_changes:
      return pick({"No changes.", "计划没有变化。"}, lang);
    case Word::added:
      return pick({"added", "新增"}, lang);
    case Word::removed:
      return pick({"removed", "删除"}, lang);
    case Word::moved:
      return pick({"moved", "移动"}, lang);
    case Word::date:
      return pick({"Date", "日期"}, lang);
    case Word::trend:
      return pick({"Trend", "趋势"}, lang);
    case Word::previous:
      return pick({"Previous", "上期"}, lang);
    case Word::worsened:
      return pick({"worsened", "变差"}, lang);
    case Word::revised:
      return pick({"revised", "已调整"}, lang);
    case Word::original:
      return pick({"original", "原目标"}, lang);
    case Word::sparkline_legend:
      return pick({"Trend: progress at each date (▁ 0% … █ 100%).",
                   "趋势：各日期的完成率（▁ 0% … █ 100%）。"},
                  lang);
    case Word::chart_actual:
      return pick({"actual", "实际"}, lang);
    case Word::chart_expected:
      return pick({"expected (schedule)", "序时进度"}, lang);
    case Word::period_change:
      return pick({"Change", "本期新增"}, lang);
    case Word::previous_status:
      return pick({"Was", "上期状态"}, lang);
    case Word::chart_target:
      return pick({"target", "目标"}, lang);
  }
  return "";
}

const char* status_label(Status s, Lang lang) {
  if (lang == Lang::en) return status_name(s);
  switch (s) {
    case Status::done:
      return "已完成";
    case Status::late:
      return "逾期完成";
    case Status::above_range:
      return "超出区间";
    case Status::breached:
      return "突破限值";
    case Status::overdue:
      return "逾期未完成";
    case Status::pending:
      return "未到期";
    case Status::missing:
      return "未报";
    case Status::on_track:
      return "进度正常";
    case Status::at_risk:
      return "预警";
    case Status::behind:
      return "滞后";
  }
  return "?";
}

const char* severity_label(Severity s, Lang lang) {
  if (lang == Lang::en) return severity_name(s);
  switch (s) {
    case Severity::info:
      return "提示";
    case Severity::ok:
      return "正常";
    case Severity::warn:
      return "警告";
    case Severity::fail:
      return "失败";
  }
  return "?";
}

std::string status_counts(const Summary& s, Lang lang) {
  std::string out;
  for (int i = 0; i < k_status_count; ++i) {
    int n = s.by_status[static_cast<size_t>(i)];
    if (n == 0) continue;
    const char* label = status_label(static_cast<Status>(i), lang);
    if (lang == Lang::zh)
      out += fmt::format("{}{}{}项", out.empty() ? "" : "，", label, n);
    else
      out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, label);
  }
  return out;
}

std::string summary_sentence(const Report& report, Lang lang) {
  const Summary& s = report.summary;
  std::string counts = status_counts(s, lang);
  FindingCounts f = count_findings(report.findings);
  if (lang == Lang::zh)
    return fmt::format(
        "截至{}，共{}项目标{}{}（正常{}项，警告{}项，失败{}项）；发现问题：失败{}项，警告{}"
        "项，提示{}项",
        format_date(report.as_of), s.targets, counts.empty() ? "" : "：", counts, s.ok, s.warn,
        s.fail, f.fail, f.warn, f.info);
  return fmt::format(
      "as of {}: {} target{}{}{} (ok {}, warn {}, fail {}); findings: fail {}, warn {}, info {}",
      format_date(report.as_of), s.targets, s.targets == 1 ? "" : "s", counts.empty() ? "" : ": ",
      counts, s.ok, s.warn, s.fail, f.fail, f.warn, f.info);
}

std::string exit_sentence(const Report& report, bool strict, Lang lang) {
  bool zh = lang == Lang::zh;
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
      reasons.push_back(zh ? fmt::format("{}{}项", status_label(st, lang), n)
                           : fmt::format("{} target{} {}", n, n == 1 ? "" : "s", status_name(st)));
    }
  }
  FindingCounts f = count_findings(report.findings);
  for (auto [sev, n] : {std::pair{Severity::fail, f.fail}, std::pair{Severity::warn, f.warn}}) {
    if (!counted(sev) || n == 0) continue;
    reasons.push_back(
        zh ? fmt::format("{}的问题{}项", severity_label(sev, lang), n)
           : fmt::format("{} {} finding{}", n, severity_name(sev), n == 1 ? "" : "s"));
  }
  const char* strict_note =
      strict ? (zh ? "（--strict：警告按失败计）" : " (--strict: warn counts as fail)") : "";
  if (reasons.empty())
    return zh ? fmt::format("退出状态0{}：没有{}的目标或问题", strict_note,
                            strict ? "警告或失败" : "失败")
              : fmt::format("exit 0{}: no target or finding has severity {}", strict_note,
                            strict ? "warn or fail" : "fail");
  std::string list;
  for (const std::string& r : reasons)
    list += (list.empty() ? "" : zh ? "，" : ", ") + r;
  return zh ? fmt::format("退出状态1{}：{}", strict_note, list)
            : fmt::format("exit 1{}: {}", strict_note, list);
}

std::string summary_paragraph(const Report& report, Lang lang) {
  std::string s = summary_sentence(report, lang);
  if (lang == Lang::zh) return s + "。";
  s[0] = static_cast<char>(s[0] - 'a' + 'A');  // "as of" -> "As of"
  return s + ".";
}

}  // namespace plantrack
