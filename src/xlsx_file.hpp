#pragma once
// Writing an xlsx with libxlsxwriter (only render_xlsx.cpp and template_sheet.cpp use it): the
// library writes to a file name, so the workbook goes to a temporary file first and is then
// copied to the stream, which may be -o's atomic temporary or stdout.

#include <functional>
#include <ostream>

#include <xlsxwriter.h>

namespace plantrack {

// Calls `fill` with a new workbook, closes it and copies its bytes to `out`. Throws
// std::runtime_error when the workbook cannot be written.
void write_workbook(std::ostream& out, const std::function<void(lxw_workbook*)>& fill);

// Throws std::runtime_error naming `what` unless `e` is LXW_NO_ERROR.
void check_lxw(lxw_error e, const char* what);

}  // namespace plantrack
