#include "plan_loader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

std::string show(const Checkpoint& c) {
  return c.share ? format_number(c.amount * 100) + "%" : format_number(c.amount);
}

}  // namespace

void PlanLoader::read_schedule(const Node* n, Target& t, TargetExtras& extras) {
  bool max_without_baseline = t.kind == Kind::max && !t.baseline;
  if (!n) {
    t.schedule = max_without_baseline ? ScheduleKind::end : ScheduleKind::linear;
    return;
  }
  if (n->kind == NodeKind::map) {
    t.schedule = ScheduleKind::checkpoints;
    read_checkpoints(*n, t, extras);
    return;
  }
  auto text = read_text(*doc_, *n, diags_, "schedule");
  if (!text) return;
  if (*text == "linear") {
    t.schedule = ScheduleKind::linear;
    if (max_without_baseline) diags_.error(n->mark, tr(Msg::max_no_linear));
  } else if (*text == "end") {
    t.schedule = ScheduleKind::end;
  } else if (*text == "always") {
    t.schedule = ScheduleKind::always;
  } else {
    std::string hint = closest_match(*text, {"linear", "end", "always"});
    diags_.error(
        n->mark,
        tr(Msg::unknown_schedule, fmt::arg("schedule", escape_text(*text)),
           fmt::arg("hint", hint.empty() ? std::string()
                                         : tr(Msg::colon_did_you_mean, fmt::arg("hint", hint)))));
  }
}

void PlanLoader::read_checkpoints(const Node& n, const Target& t, TargetExtras& extras) {
  std::vector<Checkpoint> checkpoints;
  if (n.size == 0) diags_.error(n.mark, tr(Msg::no_checkpoints));
  for (size_t i = 0; i < n.size; ++i) {
    const Node& k = doc_->key(n, i);
    int quarter = 0;
    std::optional<Date> date = read_checkpoint_key(k, quarter);
    auto num = read_number(*doc_, doc_->value(n, i), diags_, "schedule");
    if (!date || !num) continue;
    Checkpoint c{*date,        static_cast<int16_t>(quarter),
                 num->percent, num->percent ? num->value / 100 : num->value,
                 k.mark,       doc_->value(n, i).mark};
    if (c.share && t.kind == Kind::max && !t.baseline) {
      diags_.error(doc_->value(n, i).mark, tr(Msg::share_needs_baseline));
      continue;
    }
    checkpoints.push_back(c);
  }
  std::stable_sort(checkpoints.begin(), checkpoints.end(),
                   [](const Checkpoint& a, const Checkpoint& b) { return a.date < b.date; });
  check_checkpoint_order(checkpoints, t);
  extras.checkpoints = plan_.arena.copy(checkpoints);
}

std::optional<Date> PlanLoader::read_checkpoint_key(const Node& k, int& quarter) {
  std::string_view key = doc_->text(k);
  if (key.size() >= 2 && (key[0] == 'Q' || key[0] == 'q') &&
      key.find_first_not_of("0123456789", 1) == std::string_view::npos && key.size() <= 4) {
    int q = std::stoi(std::string(key.substr(1)));
    // Outside: a quarter that starts after the period's last day (a final partial one is in).
    if (q < 1 || (period_ok_ && quarter_start(q) > plan_.period_end)) {
      diags_.error(k.mark, tr(Msg::checkpoint_outside, fmt::arg("key", escape_text(key))));
      return std::nullopt;
    }
    quarter = q;
    return period_quarter_end(plan_.period_start, q);
  }
  std::optional<Date> date = parse_iso_date(key);
  if (!date) {
    // The quarters a key may name: Q1 up to the period's last (Q999 at most, three digits).
    int last = 1;
    while (last < k_last_quarter && (!period_ok_ || quarter_start(last + 1) <= plan_.period_end))
      ++last;
    diags_.error(
        k.mark, tr(Msg::checkpoint_key, fmt::arg("key", escape_text(key)), fmt::arg("last", last)));
  }
  return date;
}

Date PlanLoader::quarter_start(int q) const {
  return Date{period_quarter_end(plan_.period_start, q - 1).days + 1};
}

// SPEC §3.1: shares never decrease, and the expected value never moves back toward the
// baseline, a plain number and a share compared by the value each expects (for a max target
// the expected value falls toward T, so back toward the baseline is up).
void PlanLoader::check_checkpoint_order(const std::vector<Checkpoint>& checkpoints,
                                        const Target& t) {
  const Checkpoint* last_share = nullptr;
  const Checkpoint* last = nullptr;
  OptDouble b = t.baseline ? t.baseline : t.kind != Kind::max ? OptDouble(0.0) : OptDouble();
  OptDouble bound = t.kind == Kind::max ? t.max : t.min;
  auto expects = [&](const Checkpoint& c) -> std::optional<double> {
    if (!c.share) return c.amount;
    if (!b || !t.numeric() || !bound) return std::nullopt;  // the bound's error is reported
    return *b + c.amount * (*bound - *b);
  };
  // The way toward T: up on min and range targets, down on max ones (or as b and T lie).
  bool falls = b && bound && *b != *bound ? *bound < *b : t.kind == Kind::max;
  auto back = [&](double now, double before) {
    double tolerance = 1e-9 * std::max({1.0, std::fabs(now), std::fabs(before)});
    return falls ? now > before + tolerance : now < before - tolerance;
  };
  for (const Checkpoint& c : checkpoints) {
    const Checkpoint* against = nullptr;
    if (c.share && last_share && c.amount < last_share->amount) {
      against = last_share;
    } else if (last) {
      auto now = expects(c), before = expects(*last);
      if (now && before && back(*now, *before)) against = last;
    }
    if (against) {
      // A share is shown with the value it expects when the two differ in kind.
      auto said = [&](const Checkpoint& x) {
        return x.share && c.share != against->share
                   ? fmt::format("{} = {}", show(x), format_number(*expects(x)))
                   : show(x);
      };
      diags_.error(c.mark, tr(Msg::checkpoint_back,
                              fmt::arg("checkpoint", c.quarter ? fmt::format("Q{}", c.quarter)
                                                               : format_date(c.date)),
                              fmt::arg("now", said(c)), fmt::arg("before", said(*against))));
    }
    if (c.share) last_share = &c;
    last = &c;
  }
}

}  // namespace plantrack
