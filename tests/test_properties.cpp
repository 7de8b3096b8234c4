// Property tests: deterministic, over many generated plans and actuals (fixed seed). Each
// property transforms the inputs in a way that must not change the evaluation, and compares
// the statuses and actuals of every target (by full id) before and after.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "helpers.hpp"
#include "trend.hpp"

using namespace plantrack;

namespace {

constexpr unsigned k_seed = 20240930;
constexpr int k_iterations = 200;
const char* const k_as_of = "2024-09-30";

using Rng = std::mt19937;

int uniform(Rng& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}
bool chance(Rng& rng, double p) {
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p;
}
template <class T>
const T& pick(Rng& rng, const std::vector<T>& v) {
  return v[static_cast<size_t>(uniform(rng, 0, static_cast<int>(v.size()) - 1))];
}

enum class GenKind { min, max, range };

struct GenTarget {
  std::string id;
  std::string unit;
  GenKind kind = GenKind::min;
  long long lo = 0, hi = 0;           // min (min, range) and max (max, range)
  std::optional<long long> baseline;  // always set on max targets
  std::string schedule;               // "" = not written (the default)
  std::vector<GenTarget> children;    // parents roll up with sum
};

struct GenEntry {
  std::string id;  // full id
  long long value = 0;
  std::string unit;  // the target's unit
};

struct GenCase {
  std::vector<GenTarget> targets;  // top level
  std::vector<GenEntry> entries;   // one per reported leaf
};

const std::vector<std::string> k_units = {"户", "人", "万元", "亩", "公里"};
const std::vector<std::string> k_schedules = {"", "linear", "end", "always",
                                              "{Q1: 10%, Q2: 40%, Q3: 70%, Q4: 100%}"};
const std::vector<std::string> k_reporters = {"珠街乡", "鳌溪镇", "大元村"};

GenTarget gen_leaf(Rng& rng, const std::string& id, const std::string& unit) {
  GenTarget t;
  t.id = id;
  t.unit = unit;
  t.kind = static_cast<GenKind>(uniform(rng, 0, 2));
  switch (t.kind) {
    case GenKind::min:
      t.lo = uniform(rng, 1, 50) * 10;
      if (chance(rng, 0.3)) t.baseline = uniform(rng, 0, static_cast<int>(t.lo) - 1);
      break;
    case GenKind::max:
      t.hi = uniform(rng, 0, 40) * 10;
      t.baseline = t.hi + uniform(rng, 1, 40) * 10;
      break;
    case GenKind::range:
      t.lo = uniform(rng, 1, 30) * 10;
      t.hi = t.lo + uniform(rng, 0, 20) * 10;
      break;
  }
  t.schedule = pick(rng, k_schedules);
  return t;
}

// An integer actual near the target's interesting values, sometimes exactly on one of them.
long long gen_value(Rng& rng, const GenTarget& t) {
  long long top = std::max({t.lo, t.hi, t.baseline.value_or(0)});
  if (chance(rng, 0.25)) {
    std::vector<long long> edges = {t.lo, t.hi, t.baseline.value_or(0)};
    return pick(rng, edges);
  }
  return uniform(rng, 0, static_cast<int>(top + top / 2 + 10));
}

void collect_entries(Rng& rng, const GenTarget& t, const std::string& prefix,
                     std::vector<GenEntry>& out) {
  std::string full = prefix.empty() ? t.id : prefix + "." + t.id;
  if (!t.children.empty()) {
    for (const GenTarget& c : t.children)
      collect_entries(rng, c, full, out);
    return;
  }
  if (chance(rng, 0.8)) out.push_back({full, gen_value(rng, t), t.unit});
}

GenCase gen_case(Rng& rng) {
  GenCase g;
  int remaining = uniform(rng, 3, 12);  // numeric targets, parents included
  int n = 0;
  while (remaining > 0) {
    std::string id = fmt::format("t{}", ++n);
    if (remaining >= 3 && chance(rng, 0.35)) {
      int k = uniform(rng, 2, std::min(3, remaining - 1));
      GenTarget p;
      p.id = id;
      p.unit = pick(rng, k_units);
      p.schedule = pick(rng, k_schedules);
      for (int i = 1; i <= k; ++i) {
        p.children.push_back(gen_leaf(rng, fmt::format("c{}", i), p.unit));
        p.lo +=
            p.children.back().kind == GenKind::max ? p.children.back().hi : p.children.back().lo;
      }
      if (p.lo == 0 || chance(rng, 0.3)) p.lo = uniform(rng, 1, 100) * 10;
      g.targets.push_back(std::move(p));
      remaining -= k + 1;
    } else {
      g.targets.push_back(gen_leaf(rng, id, pick(rng, k_units)));
      remaining -= 1;
    }
  }
  for (const GenTarget& t : g.targets)
    collect_entries(rng, t, "", g.entries);
  return g;
}

void emit_target(const GenTarget& t, const std::string& indent, std::string& out) {
  out += indent + "- id: " + t.id + "\n";
  std::string in = indent + "  ";
  out += in + "name: 目标" + t.id + "\n";
  out += in + "unit: " + t.unit + "\n";
  switch (t.kind) {
    case GenKind::min:
      out += in + fmt::format("target: {}\n", t.lo);
      break;
    case GenKind::max:
      out += in + fmt::format("target: {{max: {}}}\n", t.hi);
      break;
    case GenKind::range:
      out += in + fmt::format("target: {{min: {}, max: {}}}\n", t.lo, t.hi);
      break;
  }
  if (t.baseline) out += in + fmt::format("baseline: {}\n", *t.baseline);
  if (!t.schedule.empty()) out += in + "schedule: " + t.schedule + "\n";
  if (!t.children.empty()) {
    out += in + "rollup: sum\n";
    out += in + "children:\n";
    for (const GenTarget& c : t.children)
      emit_target(c, in + "  ", out);
  }
}

std::string plan_yaml(const std::vector<GenTarget>& targets) {
  std::string out =
      "plantrack: 1\ntitle: 属性测试计划\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
      "owner: 县扶贫办\ntargets:\n";
  for (const GenTarget& t : targets)
    emit_target(t, "  ", out);
  return out;
}

// A value as written in an actuals file: plain, or in the dimension's base unit.
std::string value_yaml(const GenEntry& e, bool base_unit) {
  if (base_unit) {
    if (e.unit == "万元") return fmt::format("{{value: {}, unit: 元}}", e.value * 10000);
    if (e.unit == "公里") return fmt::format("{{value: {}, unit: 米}}", e.value * 1000);
    if (e.unit == "亩")
      return fmt::format("{{value: {}, unit: 平方米}}", static_cast<double>(e.value) * 10000 / 15);
  }
  return fmt::format("{}", e.value);
}

std::string map_file(const std::vector<GenEntry>& entries, const std::string& reporter,
                     bool base_unit = false) {
  std::string out = fmt::format("plantrack: 1\nas_of: {}\n", k_as_of);
  if (!reporter.empty()) out += "reported_by: " + reporter + "\n";
  out += entries.empty() ? "actuals: {}\n" : "actuals:\n";
  for (const GenEntry& e : entries)
    out += "  " + e.id + ": " + value_yaml(e, base_unit) + "\n";
  return out;
}

// One list entry: `by` is written when not empty.
std::string list_entry(const GenEntry& e, const std::string& date, const std::string& by = "") {
  std::string out = fmt::format("  - {{id: {}, date: {}, value: {}", e.id, date, e.value);
  if (!by.empty()) out += ", by: " + by;
  return out + "}\n";
}

std::string list_file(const std::vector<GenEntry>& entries, const std::string& reporter) {
  std::string out = "plantrack: 1\n";
  if (!reporter.empty()) out += "reported_by: " + reporter + "\n";
  out += entries.empty() ? "actuals: []\n" : "actuals:\n";
  for (const GenEntry& e : entries)
    out += list_entry(e, k_as_of);
  return out;
}

struct Outcome {
  std::string status;
  std::optional<double> actual;
};
using Outcomes = std::map<std::string, Outcome>;

struct Run {
  Outcomes outcomes;
  std::vector<Finding> findings;
};

Run run(const std::string& plan, const std::vector<std::string>& actuals) {
  auto c = test::check(plan, actuals, k_as_of);
  Run r;
  for (const TargetResult& t : c->report.targets)
    r.outcomes[std::string(t.target->full_id)] = {status_name(t.status), t.actual};
  r.findings = c->report.findings;
  return r;
}

std::string show(const std::optional<double>& v) {
  return v ? fmt::format("{}", *v) : std::string("null");
}

// The first difference between two runs ("" when none). Actuals compare exactly unless
// `rel_tolerance` is given.
std::string difference(const Outcomes& a, const Outcomes& b, double rel_tolerance = 0) {
  if (a.size() != b.size()) return fmt::format("{} targets vs {}", a.size(), b.size());
  for (const auto& [id, oa] : a) {
    auto it = b.find(id);
    if (it == b.end()) return "no target " + id + " in the second run";
    const Outcome& ob = it->second;
    if (oa.status != ob.status)
      return fmt::format("{}: status {} vs {} (actual {} vs {})", id, oa.status, ob.status,
                         show(oa.actual), show(ob.actual));
    bool same = oa.actual.has_value() == ob.actual.has_value();
    if (same && oa.actual) {
      double x = *oa.actual, y = *ob.actual;
      same = rel_tolerance == 0
                 ? x == y
                 : std::abs(x - y) <= rel_tolerance * std::max({std::abs(x), std::abs(y), 1.0});
    }
    if (!same) return fmt::format("{}: actual {} vs {}", id, show(oa.actual), show(ob.actual));
  }
  return "";
}

std::string join_files(const std::vector<std::string>& files) {
  std::string out;
  for (size_t i = 0; i < files.size(); ++i)
    out += fmt::format("--- {}.yaml\n{}", static_cast<char>('a' + i), files[i]);
  return out;
}

}  // namespace

TEST_CASE("property: splitting a reporter's values across two reporters changes nothing") {
  Rng rng(k_seed);
  for (int i = 0; i < k_iterations; ++i) {
    GenCase g = gen_case(rng);
    std::string plan = plan_yaml(g.targets);
    std::string one = map_file(g.entries, "珠街乡");

    // Split every value v into a + b = v between 珠街乡 and 鳌溪镇.
    std::vector<GenEntry> first, second;
    std::string listed = "plantrack: 1\nreported_by: 珠街乡\nactuals:\n";
    for (const GenEntry& e : g.entries) {
      long long a = uniform(rng, 0, static_cast<int>(e.value));
      GenEntry ea = e, eb = e;
      ea.value = a;
      eb.value = e.value - a;
      first.push_back(ea);
      second.push_back(eb);
      listed += list_entry(ea, k_as_of);
      listed += list_entry(eb, k_as_of, "鳌溪镇");
    }
    if (g.entries.empty()) listed = "plantrack: 1\nactuals: []\n";
    std::vector<std::string> two_files = {map_file(first, "珠街乡"), map_file(second, "鳌溪镇")};

    INFO("seed ", k_seed, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("one reporter:\n", one);
    Run base = run(plan, {one});
    {
      INFO("two reporters in one list file:\n", listed);
      std::string diff = difference(base.outcomes, run(plan, {listed}).outcomes);
      CHECK_MESSAGE(diff.empty(), diff);
      if (!diff.empty()) break;
    }
    {
      INFO("two files:\n", join_files(two_files));
      std::string diff = difference(base.outcomes, run(plan, two_files).outcomes);
      CHECK_MESSAGE(diff.empty(), diff);
      if (!diff.empty()) break;
    }
  }
}

TEST_CASE("property: the map form and the list form of the same data agree") {
  Rng rng(k_seed + 1);
  for (int i = 0; i < k_iterations; ++i) {
    GenCase g = gen_case(rng);
    std::string plan = plan_yaml(g.targets);
    std::string reporter = chance(rng, 0.5) ? pick(rng, k_reporters) : "";
    std::string map_form = map_file(g.entries, reporter);
    std::string list_form = list_file(g.entries, reporter);

    INFO("seed ", k_seed + 1, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("map form:\n", map_form);
    INFO("list form:\n", list_form);
    Run a = run(plan, {map_form});
    Run b = run(plan, {list_form});
    std::string diff = difference(a.outcomes, b.outcomes);
    CHECK_MESSAGE(diff.empty(), diff);
    std::vector<std::string> codes_a, codes_b;
    for (const Finding& f : a.findings)
      codes_a.push_back(f.code + " " + f.target);
    for (const Finding& f : b.findings)
      codes_b.push_back(f.code + " " + f.target);
    CHECK(codes_a == codes_b);
    if (!diff.empty() || codes_a != codes_b) break;
  }
}

TEST_CASE("property: a value in another unit of the same dimension gives the same result") {
  Rng rng(k_seed + 2);
  int converted = 0;
  bool failed = false;
  for (int i = 0; i < k_iterations && !failed; ++i) {
    GenCase g = gen_case(rng);
    std::string plan = plan_yaml(g.targets);
    std::string reporter = pick(rng, k_reporters);
    std::string plain = map_file(g.entries, reporter);
    std::string in_base_units = map_file(g.entries, reporter, true);
    converted += plain != in_base_units;

    INFO("seed ", k_seed + 2, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("plain:\n", plain);
    INFO("in base units:\n", in_base_units);
    Run a = run(plan, {plain});
    Run b = run(plan, {in_base_units});
    std::string diff = difference(a.outcomes, b.outcomes, 1e-9);
    CHECK_MESSAGE(diff.empty(), diff);
    failed = !diff.empty();
  }
  if (!failed) CHECK(converted > k_iterations / 2);  // the generator does exercise conversions
}

TEST_CASE("property: reordering targets or actuals files changes no status") {
  Rng rng(k_seed + 3);
  for (int i = 0; i < k_iterations; ++i) {
    GenCase g = gen_case(rng);
    std::string plan = plan_yaml(g.targets);

    // The entries spread over 1-3 map-form files, each entry in exactly one.
    int n_files = uniform(rng, 1, 3);
    std::vector<std::vector<GenEntry>> parts(static_cast<size_t>(n_files));
    for (const GenEntry& e : g.entries)
      parts[static_cast<size_t>(uniform(rng, 0, n_files - 1))].push_back(e);
    std::vector<std::string> files;
    for (size_t f = 0; f < parts.size(); ++f)
      files.push_back(chance(rng, 0.5) ? map_file(parts[f], k_reporters[f])
                                       : list_file(parts[f], k_reporters[f]));

    std::vector<GenTarget> shuffled = g.targets;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    for (GenTarget& t : shuffled)
      std::shuffle(t.children.begin(), t.children.end(), rng);
    std::string plan2 = plan_yaml(shuffled);
    std::vector<std::string> files2 = files;
    std::shuffle(files2.begin(), files2.end(), rng);

    INFO("seed ", k_seed + 3, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("actuals:\n", join_files(files));
    INFO("reordered plan:\n", plan2);
    INFO("reordered actuals:\n", join_files(files2));
    Run base = run(plan, files);
    std::string diff_targets = difference(base.outcomes, run(plan2, files).outcomes);
    CHECK_MESSAGE(diff_targets.empty(), "targets reordered: ", diff_targets);
    std::string diff_files = difference(base.outcomes, run(plan, files2).outcomes);
    CHECK_MESSAGE(diff_files.empty(), "files reordered: ", diff_files);
    std::string diff_both = difference(base.outcomes, run(plan2, files2).outcomes);
    CHECK_MESSAGE(diff_both.empty(), "both reordered: ", diff_both);
    if (!diff_targets.empty() || !diff_files.empty() || !diff_both.empty()) break;
  }
}

TEST_CASE("property: an entry after the as-of date changes nothing but one future-entries") {
  Rng rng(k_seed + 4);
  for (int i = 0; i < k_iterations; ++i) {
    GenCase g = gen_case(rng);
    std::string plan = plan_yaml(g.targets);
    std::string reporter = pick(rng, k_reporters);
    std::string base_file = list_file(g.entries, reporter);

    // A later value for a random leaf (reported or not), on a date after 2024-09-30.
    std::vector<std::string> leaves;
    for (const GenTarget& t : g.targets) {
      if (t.children.empty()) leaves.push_back(t.id);
      for (const GenTarget& c : t.children)
        leaves.push_back(t.id + "." + c.id);
    }
    GenEntry later{pick(rng, leaves), uniform(rng, 0, 1000), ""};
    std::string date = fmt::format("2024-{:02}-{:02}", uniform(rng, 10, 12), uniform(rng, 1, 28));
    bool same_file = chance(rng, 0.5);
    std::vector<std::string> files;
    if (same_file) {
      std::string f = base_file;
      if (g.entries.empty()) f = "plantrack: 1\nreported_by: " + reporter + "\nactuals:\n";
      files = {f + list_entry(later, date)};
    } else {
      files = {base_file, "plantrack: 1\nactuals:\n" + list_entry(later, date, reporter)};
    }
    std::string future_file = same_file ? "a.yaml" : "b.yaml";

    INFO("seed ", k_seed + 4, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("base actuals:\n", base_file);
    INFO("with a future entry:\n", join_files(files));
    Run a = run(plan, {base_file});
    Run b = run(plan, files);
    std::string diff = difference(a.outcomes, b.outcomes);
    CHECK_MESSAGE(diff.empty(), diff);
    int future_before = 0, future_after = 0;
    std::string where;
    for (const Finding& f : a.findings)
      future_before += f.code == "future-entries";
    for (const Finding& f : b.findings)
      if (f.code == "future-entries") {
        ++future_after;
        where = f.file;
      }
    CHECK(future_before == 0);
    CHECK(future_after == 1);
    CHECK(where == future_file);
    CHECK(b.findings.size() == a.findings.size() + 1);
    if (!diff.empty() || future_after != 1 || where != future_file ||
        b.findings.size() != a.findings.size() + 1)
      break;
  }
}

// SPEC §3.2: a parent without an actual of its own (never reported, or its own entries
// conflicted) is rolled up from its children, whatever its own entries were.
TEST_CASE("property: a parent's rolled-up actual is its children's, whatever its own entries") {
  Rng rng(k_seed + 5);
  int conflicted_parents = 0;
  for (int i = 0; i < k_iterations; ++i) {
    GenCase g = gen_case(rng);
    std::string plan = plan_yaml(g.targets);
    std::string reporter = pick(rng, k_reporters);
    std::string base_file = list_file(g.entries, reporter);
    // Every parent gets two different values of its own on one date: a conflict.
    std::string with_conflicts =
        g.entries.empty() ? "plantrack: 1\nreported_by: " + reporter + "\nactuals:\n" : base_file;
    int parents = 0;
    for (const GenTarget& t : g.targets) {
      if (t.children.empty()) continue;
      ++parents;
      long long v = uniform(rng, 0, 1000);
      std::string date = fmt::format("2024-0{}-15", uniform(rng, 1, 9));
      with_conflicts += list_entry({t.id, v, t.unit}, date);
      with_conflicts += list_entry({t.id, v + uniform(rng, 1, 50), t.unit}, date);
    }
    conflicted_parents += parents;

    INFO("seed ", k_seed + 5, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("actuals:\n", base_file);
    INFO("with conflicting parent entries:\n", with_conflicts);
    Run a = run(plan, {base_file});
    Run b = run(plan, {with_conflicts});
    bool failed = false;
    for (const GenTarget& t : g.targets) {
      if (t.children.empty()) continue;
      // The roll-up of the children's actuals (sum, one unit): what the parent must show.
      std::optional<double> sum;
      for (const GenTarget& c : t.children)
        if (auto v = b.outcomes[t.id + "." + c.id].actual) sum = sum.value_or(0) + *v;
      CHECK_MESSAGE(show(b.outcomes[t.id].actual) == show(sum), t.id);
      CHECK_MESSAGE(show(a.outcomes[t.id].actual) == show(sum), t.id);
      failed |= show(b.outcomes[t.id].actual) != show(sum);
    }
    std::string diff = difference(a.outcomes, b.outcomes);
    CHECK_MESSAGE(diff.empty(), diff);
    int conflicts = 0;
    for (const Finding& f : b.findings)
      conflicts += f.code == "conflict";
    CHECK(conflicts == parents);  // the conflict findings stay
    if (failed || !diff.empty() || conflicts != parents) break;
  }
  CHECK(conflicted_parents > k_iterations / 2);  // the generator does make parents
}

// SPEC §3.5: one slip, one finding — at the entry of the target that reported it, never again
// on the parents it rolls up into.
TEST_CASE("property: no suspicious finding is reported twice for one slip") {
  Rng rng(k_seed + 6);
  int slips = 0;
  for (int i = 0; i < k_iterations; ++i) {
    GenCase g = gen_case(rng);
    // Some leaves report 100 times their value (a unit slip), some a negative one.
    for (GenEntry& e : g.entries) {
      if (chance(rng, 0.2))
        e.value = e.value * 100 + 5000;
      else if (chance(rng, 0.1))
        e.value = -e.value - 1;
    }
    std::string plan = plan_yaml(g.targets);
    std::string actuals = map_file(g.entries, pick(rng, k_reporters));
    // Which entries are slips, by SPEC's rule on the target's own combined actual.
    std::map<std::string, long long> largest;
    for (const GenTarget& t : g.targets) {
      for (const GenTarget& c : t.children)
        largest[t.id + "." + c.id] = std::max(c.lo, c.hi);
      if (t.children.empty()) largest[t.id] = std::max(t.lo, t.hi);
    }
    std::multiset<std::string> expected, got;
    for (const GenEntry& e : g.entries) {
      long long top = largest[e.id];
      if (e.value < 0 || (top > 0 && e.value > 10 * top)) expected.insert(e.id);
    }
    slips += static_cast<int>(expected.size());

    INFO("seed ", k_seed + 6, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("actuals:\n", actuals);
    Run r = run(plan, {actuals});
    for (const Finding& f : r.findings)
      if (f.code == "suspicious") {
        got.insert(f.target);
        CHECK_MESSAGE(f.file == "a.yaml", f.target, " flagged at ", f.file);
      }
    CHECK(got == expected);
    if (got != expected) break;
  }
  CHECK(slips > k_iterations);
}

// SPEC §3.1: whatever the schedule (linear, end, always, checkpoints mixing shares and plain
// numbers), the expected value never moves back toward the baseline as the as-of advances; a
// schedule whose checkpoints would do so is an input error, and only such a schedule.
TEST_CASE("property: the expected value never moves back toward the baseline") {
  Rng rng(k_seed + 7);
  int accepted = 0, rejected = 0;
  for (int i = 0; i < k_iterations * 5; ++i) {
    GenTarget t = gen_leaf(rng, "a", pick(rng, k_units));
    bool max_kind = t.kind == GenKind::max;
    double b = static_cast<double>(t.baseline.value_or(0));
    double bound = static_cast<double>(max_kind ? t.hi : t.lo);
    // Checkpoints on 1-4 quarters, each a share or a plain number near the path from b to T.
    bool goes_back = false;
    std::optional<double> before;
    std::optional<int> share_before;
    std::string schedule = "{";
    int quarter = 0;
    for (int q = 1; q <= 4; ++q) {
      if (!chance(rng, 0.7)) continue;
      quarter = q;
      int percent = uniform(rng, 0, 110);
      double now;
      std::string written;
      if (chance(rng, 0.5)) {
        written = fmt::format("{}%", percent);
        now = b + percent / 100.0 * (bound - b);
        if (share_before && percent < *share_before) goes_back = true;
        share_before = percent;
      } else {
        now = std::round(b + percent / 100.0 * (bound - b));
        written = fmt::format("{}", static_cast<long long>(now));
      }
      double slack = before ? 1e-9 * std::max({1.0, std::fabs(now), std::fabs(*before)}) : 0;
      if (before && (max_kind ? now > *before + slack : now < *before - slack)) goes_back = true;
      before = now;
      schedule += fmt::format("{}Q{}: {}", schedule.size() > 1 ? ", " : "", q, written);
    }
    schedule += "}";
    if (quarter == 0 || chance(rng, 0.2)) {
      schedule = pick(rng, k_schedules);
      goes_back = false;
    }
    t.schedule = schedule;
    std::string plan = plan_yaml({t});
    INFO("seed ", k_seed + 7, " iteration ", i);
    INFO("plan:\n", plan);
    std::optional<Plan> loaded;
    std::string error;
    try {
      loaded = test::plan_of(plan);
    } catch (const InputError& e) {
      error = e.diagnostics().front().message;
    }
    if (goes_back) {
      CHECK_MESSAGE(!loaded, "accepted a schedule that goes back");
      CHECK_MESSAGE(error.find("goes back") != std::string::npos, error);
      ++rejected;
      if (loaded) break;
      continue;
    }
    REQUIRE_MESSAGE(loaded, error);
    ++accepted;
    const Target& target = loaded->targets.front();
    std::optional<double> last;
    bool failed = false;
    for (Date d = test::date_of("2023-12-01"); d <= test::date_of("2025-01-31"); d.days++) {
      std::optional<double> e = expected_value(target, d);
      if (e && last) {
        double tolerance = 1e-9 * std::max({1.0, std::fabs(*e), std::fabs(*last)});
        bool back = max_kind ? *e > *last + tolerance : *e < *last - tolerance;
        CHECK_MESSAGE(!back, format_date(d), ": expected ", *e, " after ", *last);
        failed |= back;
      }
      if (failed) break;
      if (e) last = e;
    }
    if (failed) break;
  }
  CHECK(accepted > k_iterations);
  CHECK(rejected > k_iterations / 4);
}

namespace {

// A rate over towns, twice: `rate` divides the rolled-up sums, `towns` is the ratio parent of
// each town's own rate. Town i reports rec.ti and due.ti (万元).
std::string ratio_plan(int towns) {
  std::string rate_children, rec, due;
  for (int i = 1; i <= towns; ++i) {
    rate_children += fmt::format(
        "      - {{id: t{0}, name: T{0}, unit: \"%\", target: 95, schedule: end, "
        "ratio: {{numerator: rec.t{0}, denominator: due.t{0}}}}}\n",
        i);
    rec += fmt::format("      - {{id: t{0}, name: T{0}, unit: 万元, target: 100}}\n", i);
    due += fmt::format("      - {{id: t{0}, name: T{0}, unit: 万元, target: 100}}\n", i);
  }
  return fmt::format(
      "plantrack: 1\ntitle: R\nperiod: {{start: 2024-01-01, end: 2024-12-31}}\ntargets:\n"
      "  - {{id: rate, name: Rate, unit: \"%\", target: 95, schedule: end, "
      "ratio: {{numerator: rec, denominator: due}}}}\n"
      "  - id: towns\n    name: Towns\n    unit: \"%\"\n    target: 95\n    schedule: end\n"
      "    children:\n{}"
      "  - id: rec\n    name: Rec\n    unit: 万元\n    target: {}\n    children:\n{}"
      "  - id: due\n    name: Due\n    unit: 万元\n    target: {}\n    children:\n{}",
      rate_children, 100 * towns, rec, 100 * towns, due);
}

struct RatioRun {
  std::optional<double> rate, towns;
  std::string rate_status;
  std::vector<std::string> rate_parts;  // "by=actual" per reporter
};

RatioRun ratio_run(const std::string& plan, const std::vector<std::string>& actuals) {
  auto c = test::check(plan, actuals, k_as_of);
  RatioRun r;
  r.rate = (*c)["rate"].actual;
  r.towns = (*c)["towns"].actual;
  r.rate_status = c->status("rate");
  for (const ReporterActual& p : c->report.by_reporter(static_cast<size_t>(c->plan.find("rate"))))
    r.rate_parts.push_back(fmt::format("{}={}", c->report.reporter_name(p.by), show(p.actual)));
  return r;
}

bool close(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || std::abs(*a - *b) <= 1e-9 * std::max({std::abs(*a), std::abs(*b), 1.0});
}

}  // namespace

TEST_CASE(
    "property: splitting a town's numerator and denominator across files or reporters "
    "does not change the ratio") {
  Rng rng(k_seed + 11);
  for (int i = 0; i < k_iterations; ++i) {
    int towns = uniform(rng, 1, 4);
    std::string plan = ratio_plan(towns);
    std::vector<std::string> base, by_village, by_adds;
    std::string villages = "plantrack: 1\nactuals:\n";
    for (int t = 1; t <= towns; ++t) {
      std::string town = fmt::format("镇{}", t);
      long long due = chance(rng, 0.15) ? 0 : uniform(rng, 1, 5000);
      long long rec = uniform(rng, 0, static_cast<int>(due + due / 5));
      // Sometimes in 元: converted before dividing.
      bool yuan = chance(rng, 0.3);
      std::string due_text =
          yuan ? fmt::format("{{value: {}, unit: 元}}", due * 10000) : fmt::format("{}", due);
      base.push_back(fmt::format(
          "plantrack: 1\nas_of: {}\nreported_by: {}\nactuals:\n  rec.t{}: {}\n  due.t{}: {}\n",
          k_as_of, town, t, rec, t, due_text));
      // The same, split between the town and one of its villages (another reporter).
      long long rec_a = uniform(rng, 0, static_cast<int>(rec));
      long long due_a = uniform(rng, 0, static_cast<int>(due));
      for (auto [by, r, d] :
           {std::tuple{town, rec_a, due_a}, std::tuple{town + "村", rec - rec_a, due - due_a}})
        villages += fmt::format(
            "  - {{id: rec.t{0}, date: {1}, value: {2}, by: {3}}}\n"
            "  - {{id: due.t{0}, date: {1}, value: {4}, by: {3}}}\n",
            t, k_as_of, r, by, d);
      // The same town in two files of increments (one reporter): the parts add up.
      for (auto [r, d] : {std::pair{rec_a, due_a}, std::pair{rec - rec_a, due - due_a}})
        by_adds.push_back(
            fmt::format("plantrack: 1\nreported_by: {0}\nactuals:\n"
                        "  - {{id: rec.t{1}, date: {2}, add: {3}}}\n"
                        "  - {{id: due.t{1}, date: {2}, add: {4}}}\n",
                        town, t, k_as_of, r, d));
    }
    by_village.push_back(villages);

    INFO("seed ", k_seed + 11, " iteration ", i);
    INFO("plan:\n", plan);
    INFO("one file per town:\n", join_files(base));
    RatioRun a = ratio_run(plan, base);
    // The rate of the sums and the ratio parent of the towns' rates agree.
    CHECK(close(a.rate, a.towns));
    {
      INFO("split between towns and villages:\n", villages);
      RatioRun b = ratio_run(plan, by_village);
      CHECK(close(a.rate, b.rate));
      CHECK(close(a.towns, b.towns));
      CHECK(a.rate_status == b.rate_status);
    }
    {
      INFO("split across files of increments:\n", join_files(by_adds));
      RatioRun b = ratio_run(plan, by_adds);
      CHECK(close(a.rate, b.rate));
      CHECK(close(a.towns, b.towns));
      CHECK(a.rate_status == b.rate_status);
      CHECK(a.rate_parts.size() == b.rate_parts.size());  // each town's own rate, too
      for (size_t k = 0; k < a.rate_parts.size() && k < b.rate_parts.size(); ++k)
        CHECK(a.rate_parts[k] == b.rate_parts[k]);
    }
  }
}

TEST_CASE("property: every trend column equals check --as-of at that date, target by target") {
  Rng rng(k_seed + 8);
  for (int i = 0; i < k_iterations; ++i) {
    GenCase g = gen_case(rng);
    std::string plan_text = plan_yaml(g.targets);
    // A history: each reported leaf gets one to three dated values or increments, by one of
    // the reporters, some before the first trend date and some after the last.
    std::string history = "plantrack: 1\nactuals:\n";
    for (const GenEntry& e : g.entries) {
      int n = uniform(rng, 1, 3);
      for (int k = 0; k < n; ++k) {
        std::string date =
            fmt::format("2024-{:02}-{:02}", uniform(rng, 1, 12), uniform(rng, 1, 28));
        std::string by = pick(rng, k_reporters);
        if (chance(rng, 0.3))
          history += fmt::format("  - {{id: {}, date: {}, add: {}, by: {}}}\n", e.id, date,
                                 uniform(rng, 0, 50), by);
        else
          history += fmt::format("  - {{id: {}, date: {}, value: {}, by: {}}}\n", e.id, date,
                                 uniform(rng, 0, static_cast<int>(e.value) + 10), by);
      }
    }
    if (g.entries.empty()) history = "plantrack: 1\nactuals: []\n";
    std::vector<Date> dates;
    Date d = test::date_of("2023-12-15");
    for (int k = uniform(rng, 1, 5); k > 0; --k) {
      d = Date{d.days + uniform(rng, 1, 120)};
      dates.push_back(d);
    }
    INFO("seed ", k_seed + 8, " iteration ", i);
    INFO("plan:\n", plan_text);
    INFO("history:\n", history);
    Plan plan = test::plan_of(plan_text);
    Actuals actuals = test::actuals_of(history);
    Trend trend = build_trend(plan, actuals, dates);
    REQUIRE(trend.dates.size() == dates.size());
    std::string diff;
    std::vector<OptDouble> previous(plan.targets.size());
    auto same = [](OptDouble a, OptDouble b) { return (!a && !b) || (a && b && *a == *b); };
    for (size_t k = 0; k < dates.size() && diff.empty(); ++k) {
      // A check of its own at that date, over inputs read again.
      Actuals fresh = test::actuals_of(history);
      Report check = evaluate(plan, fresh, dates[k]);
      for (size_t t = 0; t < plan.targets.size() && diff.empty(); ++t) {
        const TargetResult& r = check.targets[t];
        const TrendPoint p = trend.point(t, k);
        OptDouble change =
            k && r.actual && previous[t] ? OptDouble(*r.actual - *previous[t]) : OptDouble();
        if (!same(p.actual, r.actual) || !same(p.expected, r.expected) ||
            !same(p.progress, r.progress) || !same(p.pace, r.pace) || p.status != r.status ||
            p.severity != r.severity || p.done_on != r.done_on || !same(trend.change(t, k), change))
          diff = fmt::format("{} at {}: trend {} {} vs check {} {}", plan.targets[t].full_id,
                             format_date(dates[k]), status_name(p.status),
                             show(std::optional<double>(p.actual)), status_name(r.status),
                             show(std::optional<double>(r.actual)));
        previous[t] = r.actual;
      }
      if (k + 1 == dates.size() && diff.empty()) {
        CHECK(trend.last.exit_code(false) == check.exit_code(false));
        for (const Finding& f : check.findings)
          if (std::none_of(trend.findings.begin(), trend.findings.end(), [&](const Finding& x) {
                return x.code == f.code && x.file == f.file && x.mark.line == f.mark.line &&
                       x.mark.column == f.mark.column;
              }))
            diff = "finding " + f.code + " of the last date missing from the trend";
      }
    }
    CHECK_MESSAGE(diff.empty(), diff);
    if (!diff.empty()) break;
  }
}
