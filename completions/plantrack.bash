# bash completion for plantrack(1). Installed as
# share/bash-completion/completions/plantrack; works with or without the bash-completion package.

_plantrack_yaml_files() {
  local IFS=$'\n'
  COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur")
    $(compgen -f -X '!*.yml' -- "$cur") $(compgen -f -X '!*.csv' -- "$cur")
    $(compgen -f -X '!*.xlsx' -- "$cur"))
  compopt -o filenames 2>/dev/null
}

_plantrack() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev= i cmd=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # `--format=js` arrives as `--format` `=` `js` (= is in COMP_WORDBREAKS).
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      check | validate | template | schema | trend | diff)
        cmd=${COMP_WORDS[i]}
        break
        ;;
    esac
  done

  local limits="--max-input-size --max-depth --max-nodes"
  case $prev in
    --format)
      if [[ $cmd == template ]]; then
        COMPREPLY=($(compgen -W "yaml csv xlsx" -- "$cur"))
      else
        local formats="table markdown json csv junit github html xlsx"
        [[ $cmd == trend ]] && formats="table markdown csv json html"
        [[ $cmd == diff ]] && formats="table markdown json github"
        COMPREPLY=($(compgen -W "$formats" -- "$cur"))
      fi
      return
      ;;
    --encoding)
      COMPREPLY=($(compgen -W "utf-8 gb18030 gbk" -- "$cur"))
      return
      ;;
    --every)
      COMPREPLY=($(compgen -W "quarter month" -- "$cur"))
      return
      ;;
    --lang)
      COMPREPLY=($(compgen -W "en zh" -- "$cur"))
      return
      ;;
    --color)
      COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
      return
      ;;
    --form)
      COMPREPLY=($(compgen -W "map list" -- "$cur"))
      return
      ;;
    --as-of | --compare | --to | --at)
      local y
      y=$(date +%Y)
      COMPREPLY=($(compgen -W "today $y-Q1 $y-Q2 $y-Q3 $y-Q4" -- "$cur"))
      return
      ;;
    -o | --output)
      local IFS=$'\n'
      COMPREPLY=($(compgen -f -- "$cur"))
      compopt -o filenames 2>/dev/null
      return
      ;;
    --tag | --owner | --by | --stale-after | --max-input-size | --max-depth | --max-nodes)
      return
      ;;
  esac

  local opts
  case $cmd in
    check)
      opts="-h --help --as-of --format -o --output --strict --tag --owner --only-problems
            --stale-after --lang --color --bom --no-bom --ascii --no-ascii --encoding
            --by-reporter --by --notes --compare --progress --no-progress $limits"
      ;;
    trend)
      opts="-h --help --at --every --to --format -o --output --strict --lang --bom --no-bom
            --progress --no-progress $limits"
      ;;
    diff) opts="-h --help --format -o --output --lang $limits" ;;
    validate) opts="-h --help --as-of --strict --encoding $limits" ;;
    template) opts="-h --help --by --as-of --form --format --lang -o --output $limits" ;;
    schema) opts="-h --help" ;;
    *) opts="-h --help --version" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  case $cmd in
    "") COMPREPLY=($(compgen -W "check validate template schema trend diff" -- "$cur")) ;;
    schema) COMPREPLY=($(compgen -W "plan actuals" -- "$cur")) ;;
    *) _plantrack_yaml_files ;;
  esac
}

complete -F _plantrack plantrack
