#!/usr/bin/env bash
# Step 2 of the GitHub Action (action.yml): runs `debrief-ls check` on the paths, in the
# asked format; sets the `sarif-file` and `findings` outputs; writes the job summary; and
# exits as `check` does (1 for findings at or above `fail-on`, 2 for a usage or I/O problem).
set -uo pipefail

paths=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  [[ -n $line ]] && paths+=("$line")
done <<<"${DEBRIEF_PATHS:-.}"
((${#paths[@]})) || paths=(.)

format=${DEBRIEF_FORMAT:-github}
fail_on=${DEBRIEF_FAIL_ON:-warning}
case $format in
  github | sarif) ;;
  *)
    echo "::error title=debrief-ls::the format input is \`$format\`; it must be \`github\` or \`sarif\`"
    exit 2
    ;;
esac

if [[ $format == sarif ]]; then
  sarif="${RUNNER_TEMP:?}/debrief-ls.sarif"
  debrief-ls check --format sarif --fail-on "$fail_on" -- "${paths[@]}" >"$sarif"
  code=$?
  echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
else
  debrief-ls check --format github --fail-on "$fail_on" -- "${paths[@]}"
  code=$?
fi

# The job summary: the counts, and the human report to read without the annotations.
report=$(debrief-ls check --color never --fail-on never -- "${paths[@]}" 2>/dev/null)
last=${report##*$'\n'}
findings=0
[[ $last =~ ^([0-9]+)\ findings?\  ]] && findings=${BASH_REMATCH[1]}
echo "findings=$findings" >>"$GITHUB_OUTPUT"
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
  {
    echo "### debrief-ls"
    echo
    echo "$last"
    if ((findings > 0)); then
      echo
      echo "<details><summary>Findings</summary>"
      echo
      echo "<pre>"
      printf '%s\n' "$report" | head -n 2000 | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'
      echo "</pre>"
      echo "</details>"
    fi
  } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$code"
