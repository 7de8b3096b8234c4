#!/usr/bin/env bash
# Shell completion: sources completions/plantrack.bash in a plain bash (no bash-completion
# package), fills COMP_WORDS/COMP_CWORD as bash would, calls _plantrack and checks COMPREPLY.
# When zsh is installed, also types a few lines into an interactive zsh (zpty) and checks the
# candidates it lists. Run from the repository root.
set -u
fail=0
# shellcheck source=../completions/plantrack.bash
source completions/plantrack.bash

# expect "WANTED WORDS" word... : the completions of the command line whose last word is being
# completed must include every wanted word (and, with `=` as first wanted word, only those).
expect() {
  local wanted=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _plantrack
  local got=" ${COMPREPLY[*]} " w exact=0
  if [[ $wanted == "= "* ]]; then
    exact=1
    wanted=${wanted#= }
  fi
  for w in $wanted; do
    [[ $got == *" $w "* ]] || {
      echo "FAIL bash: \`$*\` offers [${COMPREPLY[*]}], not $w"
      fail=1
    }
  done
  if ((exact)) && [[ $(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ') != \
    "$(printf '%s\n' $wanted | sort | tr '\n' ' ')" ]]; then
    echo "FAIL bash: \`$*\` offers [${COMPREPLY[*]}], want exactly [$wanted]"
    fail=1
  fi
}

[[ $(complete -p plantrack) == "complete -F _plantrack plantrack" ]] || {
  echo "FAIL bash: plantrack has no completion function"
  fail=1
}
expect "= check validate template schema trend diff" plantrack ""
expect "= table markdown csv json html" plantrack trend --format ""
expect "= table markdown json github" plantrack diff --format ""
expect "= quarter month" plantrack trend --every ""
expect "--at --every --to --strict" plantrack trend --
expect "--compare" plantrack check --
expect "= --progress" plantrack check --pro
expect "= --progress" plantrack trend plan.yaml actuals --pro
expect "--no-progress" plantrack check --no
expect "= check" plantrack ch
expect "--help --version" plantrack --
expect "= table markdown json csv junit github html xlsx" plantrack check --format ""
expect "= json junit" plantrack check --format j
expect "= json junit" plantrack check --format = j
expect "= table markdown json csv junit github html xlsx" plantrack check --format =
expect "= en zh" plantrack check --lang ""
expect "= auto always never" plantrack check plan.yaml --color ""
expect "= --color" plantrack check --col
expect "--strict --only-problems --bom --no-bom --max-depth --output" plantrack check --
expect "-o --output --help" plantrack check -
expect "= --by-reporter --by" plantrack check --by
expect "--notes --by-reporter --by" plantrack check plan.yaml actuals --
expect "= --strict" plantrack validate --st
expect "= --form --format" plantrack template --fo
expect "= yaml csv xlsx" plantrack template --format ""
expect "= utf-8 gb18030 gbk" plantrack check --encoding ""
expect "= map list" plantrack template plan.yaml --form ""
expect "today" plantrack check --as-of ""
expect "= plan actuals" plantrack schema ""
expect "= examples/county/actuals examples/county/earlier examples/county/plan.yaml" plantrack check examples/county/
expect "= examples/county/plan.yaml" plantrack validate examples/county/p
expect "= examples/county/actuals/bameng.yaml" plantrack check examples/county/plan.yaml \
  examples/county/actuals/b
# A value-taking option is not taken for the subcommand, and options come before it too.
expect "= plan actuals" plantrack --help schema ""

if command -v zsh >/dev/null; then
  # One interactive zsh, fed lines ending in TAB; the listing it prints must hold the words.
  out=$(
    timeout 30 zsh -f -c '
      zmodload zsh/zpty
      zpty z zsh -f -i
      zpty -w z "fpath=($PWD/completions \$fpath); autoload -Uz compinit; compinit -u -D; PROMPT=\"> \""
      for line in "plantrack " "plantrack schema " "plantrack check --format " \
                  "plantrack template --form " "plantrack check --co" \
                  "plantrack check --by-"; do
        zpty -w z "print -r -- ==== \"$line\""
        zpty -w z "$line"$'"'"'\t\t'"'"'
        sleep 1
        zpty -w z $'"'"'\x15'"'"'
      done
      sleep 1
      while zpty -r -t z chunk; do print -rn -- "$chunk"; done
      zpty -d z
    ' 2>&1 | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
  )
  for want in "check" "validate" "template" "schema" "actuals" "markdown" "junit" "github" \
    "map" "list" "--color" "--by-reporter"; do
    [[ $out == *"$want"* ]] || {
      echo "FAIL zsh: no \`$want\` among the listed completions"
      fail=1
    }
  done
else
  echo "completion: zsh not installed, its completion not tried"
fi

[[ $fail == 0 ]] && echo "completion: all checks passed"
exit $fail
