#include "cli.hpp"

int main(int argc, char** argv) {
  return plantrack::run(argc, argv);
}
