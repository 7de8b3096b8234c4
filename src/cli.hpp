#pragma once
// The command line: subcommands, options, exit codes. CLI11 stays inside cli.cpp.

namespace plantrack {

// Runs plantrack; returns the exit status (0 ok, 1 a fail severity, 2 usage or input error).
int run(int argc, char** argv);

}  // namespace plantrack
