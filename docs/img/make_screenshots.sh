#!/usr/bin/env bash
# Screenshots of the real rendered reports, for docs/reports.md. Needs Debian's `chromium` and python3.
# Run from the repository root after the sample gate:
#   ./mvnw -B -ntp -pl sample-project -am verify -DskipTests
#   ./mvnw -B -ntp -pl sample-project allure:report
#   docs/img/make_screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/docs/img"
shot() { # url file width height
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=15000 \
    --window-size="$3,$4" --screenshot="$out/$2" "$1" 2>/dev/null
  echo "wrote docs/img/$2"
}
report="$root/sample-project/target/kdprivacy-report/signoff.html"
[[ -f "$report" ]] || { echo "no $report: run the sample gate first" >&2; exit 1; }
shot "file://$report" signoff-summary.png 1280 1500
shot "file://$report" signoff-first-technique.png 1280 3600

allure="$root/sample-project/target/site/allure-maven-plugin"
if [[ -f "$allure/index.html" ]]; then
  # the Allure app loads its data with XHR, which file:// forbids: serve it
  port=8917
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$allure" >/dev/null 2>&1 &
  server=$!
  trap 'kill $server' EXIT
  sleep 1
  shot "http://127.0.0.1:$port/index.html" allure-overview.png 1400 900
  # one test case with its attachments: the first leaf of data/suites.json
  case="$(python3 - "$allure/data/suites.json" <<'PY'
import json, sys
def leaves(node, path):
    if "children" in node:
        for child in node["children"]:
            yield from leaves(child, path + [node["uid"]])
    else:
        yield path[1:] + [node["uid"]]
print("/".join(next(leaves(json.load(open(sys.argv[1])), []))))
PY
)"
  shot "http://127.0.0.1:$port/index.html#suites/$case/" allure-test-case.png 1400 1600
else
  echo "no Allure report at $allure: run allure:report for the Allure screenshots" >&2
fi
