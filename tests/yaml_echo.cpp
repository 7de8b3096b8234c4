// yaml_echo FILE: reads FILE through plantrack's reading layer (load_document, exactly as a plan
// or actuals file is read) and prints the tree it read as JSON, for tests/yaml_suite.py.
// Scalars are {"s": TEXT, "q": true|false} (q: written quoted or as a block scalar, so never a
// YAML null, number or boolean); the script resolves plain ones by the YAML 1.2 core schema.
// An input error is printed as plantrack prints it (FILE:LINE:COLUMN: error: ...), exit 2.

#include <cstdio>
#include <iostream>
#include <string>

#include "diagnostic.hpp"
#include "yaml_doc.hpp"

using namespace plantrack;

namespace {

void json_string(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void echo(const Document& doc, const Node& n, std::string& out) {
  switch (n.kind) {
    case NodeKind::null:
      out += "null";
      return;
    case NodeKind::scalar:
      out += "{\"s\": ";
      json_string(doc.text(n), out);
      out += n.quoted ? ", \"q\": true}" : ", \"q\": false}";
      return;
    case NodeKind::sequence:
      out += '[';
      for (size_t i = 0; i < n.size; ++i) {
        if (i) out += ", ";
        echo(doc, doc.item(n, i), out);
      }
      out += ']';
      return;
    case NodeKind::map:
      out += "{\"m\": [";
      for (size_t i = 0; i < n.size; ++i) {
        if (i) out += ", ";
        out += '[';
        echo(doc, doc.key(n, i), out);
        out += ", ";
        echo(doc, doc.value(n, i), out);
        out += ']';
      }
      out += "]}";
      return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: yaml_echo FILE\n";
    return 2;
  }
  try {
    Document doc = load_document(argv[1], Limits{});
    std::string out;
    echo(doc, doc.root(), out);
    std::cout << out << '\n';
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics())
      std::cerr << d.file << ':' << d.mark.line << ':' << d.mark.column << ": error: " << d.message
                << '\n';
    return 2;
  }
  return 0;
}
