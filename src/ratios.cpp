#include "ratios.hpp"

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

class RatioResolver {
 public:
  RatioResolver(Plan& plan, Diagnostics& diags) : plan_(plan), diags_(diags) {}

  // The parts of each ratio, then ratio parents, then the order to evaluate in (which also finds
  // a ratio that depends on itself).
  void run(const std::vector<RatioKey>& keys) {
    if (keys.empty()) return;
    for (const RatioKey& p : keys) {
      int num = resolve_part(p.numerator, p.numerator_mark, Msg::part_numerator);
      int den = resolve_part(p.denominator, p.denominator_mark, Msg::part_denominator);
      if (num < 0 || den < 0) continue;
      const Target& n = plan_.targets[static_cast<size_t>(num)];
      const Target& d = plan_.targets[static_cast<size_t>(den)];
      if (!plan_.units.convertible(n.unit, d.unit)) {
        diags_.error(p.mark,
                     tr(Msg::ratio_dimensions, fmt::arg("numerator", escape_text(n.full_id)),
                        fmt::arg("numerator_unit", escape_text(n.unit)),
                        fmt::arg("denominator", escape_text(d.full_id)),
                        fmt::arg("denominator_unit", escape_text(d.unit))));
        continue;
      }
      set_ratio(p.target, Ratio{num, den, p.mark, false});
    }
    // Over the ratios that resolved, so that one pass reports cycles too.
    find_ratio_parents();
    order_evaluation();
  }

  int resolve_part(std::string_view id, Mark mark, Msg part) {
    int i = plan_.find(id);
    if (i < 0) {
      std::string hint;
      if (plan_.targets.size() <= 10000) {
        std::vector<std::string_view> ids;
        for (const Target& t : plan_.targets)
          ids.push_back(t.full_id);
        hint = closest_match(id, ids);
      }
      diags_.error(
          mark,
          tr(Msg::ratio_part_unknown, fmt::arg("part", tr(part)), fmt::arg("id", escape_text(id)),
             fmt::arg("hint", hint.empty()
                                  ? std::string()
                                  : tr(Msg::did_you_mean, fmt::arg("hint", escape_text(hint))))));
      return -1;
    }
    if (!plan_.targets[static_cast<size_t>(i)].numeric()) {
      diags_.error(mark,
                   tr(Msg::ratio_part_not_numeric, fmt::arg("part", tr(part)),
                      fmt::arg("id", escape_text(id)),
                      fmt::arg("kind", kind_name(plan_.targets[static_cast<size_t>(i)].kind))));
      return -1;
    }
    return i;
  }

  void set_ratio(int index, const Ratio& r) {
    Target& t = plan_.targets[static_cast<size_t>(index)];
    TargetExtras& e = t.extras ? const_cast<TargetExtras&>(*t.extras) : plan_.extras.emplace_back();
    e.ratio = &plan_.ratios.emplace_back(r);
    t.extras = &e;
  }

  // The unit a ratio's parts are shown in: its denominator's, or its first child's.
  std::string_view part_unit(const Target& t) const {
    const Ratio* r = t.ratio();
    if (!r->parent) return plan_.targets[static_cast<size_t>(r->denominator)].unit;
    for (int c : t.children())
      if (const Target& ct = plan_.targets[static_cast<size_t>(c)]; ct.ratio())
        return part_unit(ct);
    return "";
  }

  // A `%` target without `ratio:` whose numeric children are all ratio targets (or ratio
  // parents) is a ratio parent: the sum of their numerators over the sum of their denominators,
  // whatever its `rollup` says (a mean of rates is what ratios are there to avoid).
  void find_ratio_parents() {
    for (size_t i = plan_.targets.size(); i-- > 0;) {
      const Target& t = plan_.targets[i];
      if (!t.numeric() || t.unit != "%" || t.ratio() || t.children().empty()) continue;
      int ratios = 0, numeric = 0;
      std::string_view unit;
      bool one_dimension = true;
      for (int c : t.children()) {
        const Target& ct = plan_.targets[static_cast<size_t>(c)];
        if (!ct.numeric()) continue;
        ++numeric;
        if (!ct.ratio()) continue;
        ++ratios;
        std::string_view u = part_unit(ct);
        if (unit.empty())
          unit = u;
        else if (!plan_.units.convertible(unit, u))
          one_dimension = false;
      }
      if (ratios == 0 || ratios != numeric) continue;
      if (!one_dimension) {
        diags_.error(t.mark,
                     tr(Msg::ratio_children_dimensions, fmt::arg("id", escape_text(t.full_id))));
        continue;
      }
      set_ratio(static_cast<int>(i), Ratio{-1, -1, t.mark, true});
    }
  }

  // What target t's actual and status are computed from.
  void dependencies(int ti, std::vector<int>& out) const {
    out.clear();
    const Target& t = plan_.targets[static_cast<size_t>(ti)];
    if (const Ratio* r = t.ratio(); r && !r->parent) {
      out = {r->numerator, r->denominator};
      return;
    }
    for (int c : t.children()) {
      const Target& ct = plan_.targets[static_cast<size_t>(c)];
      bool rolled = t.kind == Kind::group ||
                    (t.ratio() ? ct.ratio() != nullptr
                               : t.numeric() && ct.numeric() && t.rollup != Rollup::none &&
                                     plan_.units.convertible(ct.unit, t.unit));
      if (rolled) out.push_back(c);
    }
  }

  // A depth-first walk of the dependencies: each target after what it depends on. A target met
  // again while it is still being walked closes a cycle, which runs through a ratio.
  void order_evaluation() {
    const size_t n = plan_.targets.size();
    std::vector<uint8_t> state(n, 0);           // 0 new, 1 being walked, 2 done
    std::vector<std::pair<int, size_t>> stack;  // target, next dependency
    std::vector<std::vector<int>> deps_of_stack;
    plan_.eval_order.reserve(n);
    for (size_t root = 0; root < n; ++root) {
      if (state[root]) continue;
      stack.emplace_back(static_cast<int>(root), 0);
      deps_of_stack.emplace_back();
      dependencies(static_cast<int>(root), deps_of_stack.back());
      state[root] = 1;
      while (!stack.empty()) {
        auto& [ti, next] = stack.back();
        std::vector<int>& deps = deps_of_stack[stack.size() - 1];
        if (next == deps.size()) {
          state[static_cast<size_t>(ti)] = 2;
          plan_.eval_order.push_back(ti);
          stack.pop_back();
          deps_of_stack.pop_back();
          continue;
        }
        int d = deps[next++];
        if (state[static_cast<size_t>(d)] == 1) {
          report_cycle(stack, d);
          plan_.eval_order.clear();
          return;
        }
        if (state[static_cast<size_t>(d)] == 2) continue;
        state[static_cast<size_t>(d)] = 1;
        stack.emplace_back(d, 0);
        deps_of_stack.emplace_back();
        dependencies(d, deps_of_stack.back());
      }
    }
  }

  void report_cycle(const std::vector<std::pair<int, size_t>>& stack, int again) {
    size_t from = 0;
    while (stack[from].first != again)
      ++from;
    std::string chain;
    int ratio = -1;
    for (size_t k = from; k < stack.size(); ++k) {
      const Target& t = plan_.targets[static_cast<size_t>(stack[k].first)];
      if (ratio < 0 && t.ratio()) ratio = stack[k].first;
      chain += escape_text(t.full_id) + " → ";
    }
    chain += escape_text(plan_.targets[static_cast<size_t>(again)].full_id);
    const Target& r = plan_.targets[static_cast<size_t>(ratio < 0 ? again : ratio)];
    diags_.error(
        r.ratio() ? r.ratio()->mark : r.mark,
        tr(Msg::ratio_cycle, fmt::arg("id", escape_text(r.full_id)), fmt::arg("chain", chain)));
  }

 private:
  Plan& plan_;
  Diagnostics& diags_;
};

}  // namespace

void resolve_ratios(Plan& plan, const std::vector<RatioKey>& keys, Diagnostics& diags) {
  RatioResolver(plan, diags).run(keys);
}

}  // namespace plantrack
