#!/usr/bin/env bash
# crs-bench.sh -- Rempart + OWASP CRS v4 PL1 vs nginx + ModSecurity v3 + the same CRS PL1, side by side.
#
# On loopback only. Starts (ports from BASE_PORT, default 19200; the range 19200-19299 is this script's):
#   origin    nginx answering 200 "ok" to everything (../shared/peers/waf-crs4/origin.conf)   BASE_PORT+0
#   modsec    nginx + ModSecurity v3 + CRS 4 PL1 (waf-crs4/nginx-waf.conf + modsec-P2.conf:
#             Debian's recommended ModSecurity config, engine On, response body access On)    BASE_PORT+1
#   rempart   Rempart (published Release), access log off, the route's web ACL = crs: at PL1
#             from the same CRS folder (response bodies inspected too)                          BASE_PORT+2
# Both WAFs load the same rules: ../shared/testdata/crs (copied to RUN_DIR for nginx, as waf-crs4 says).
# Four requests, each checked first to pass both WAFs with 200:
#   bare    GET /  (Host only)
#   browser GET /shop/search?q=garden+chairs&page=2 with 12 browser headers
#   form    POST /checkout, 1 KiB application/x-www-form-urlencoded
#   json    POST /api/orders, 64 KiB application/json
# For each request and peer: a warm-up, then REPS runs of wrk -t1 -cCONNS -dDURATION alternating the
# peers; throughput (median of the reps) and CPU time per request of the WAF process(es) (utime+stime
# from /proc over the run, divided by the requests wrk completed; the origin's CPU is not counted).
# Every wrk run is bounded (-d and timeout); everything started is stopped by PID on exit.
#
# Usage:  bash bench/crs-bench.sh             # ~6 min on 2 cores
#         QUICK=1 bash bench/crs-bench.sh     # check the script works, ~2 min
# Env:    DURATION=10 REPS=3 WARMUP_JIT=30 WARMUP=3 CONNS=16 CASES="bare browser form json"
#         PEERS_DIR=<repo>/../shared/peers CRS_DIR=<repo>/../shared/testdata/crs RUN_DIR=/tmp/rempart-crs-bench
#         BASE_PORT=19200 SKIP_INSTALL=1 SKIP_PUBLISH=1 (reuse $RUN_DIR/publish)
# Output: a markdown table on stdout and in $RUN_DIR/results/<UTC stamp>/summary.md. Nothing is written to the repo.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS_DIR=${PEERS_DIR:-$REPO/../shared/peers}
CRS_DIR=${CRS_DIR:-$REPO/../shared/testdata/crs}
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then DURATION=${DURATION:-4}; REPS=${REPS:-1}; WARMUP_JIT=${WARMUP_JIT:-10}; fi
DURATION=${DURATION:-10}
REPS=${REPS:-3}
WARMUP_JIT=${WARMUP_JIT:-30}
WARMUP=${WARMUP:-3}
CONNS=${CONNS:-16}
CASES=${CASES:-"bare browser form json"}
SKIP_INSTALL=${SKIP_INSTALL:-0}
SKIP_PUBLISH=${SKIP_PUBLISH:-0}
RUN=${RUN_DIR:-/tmp/rempart-crs-bench}
BASE_PORT=${BASE_PORT:-19200}
ORIGIN_PORT=$BASE_PORT
MODSEC_PORT=$((BASE_PORT + 1))
REMPART_PORT=$((BASE_PORT + 2)); REMPART_ADMIN=$((BASE_PORT + 3))
PUB="$RUN/publish"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RES="$RUN/results/$STAMP"
CLK_TCK=$(getconf CLK_TCK)
WAF="$PEERS_DIR/waf-crs4"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
case "$RUN" in ""|/|/tmp|/tmp/) die "RUN_DIR must be a dedicated scratch folder, not '$RUN'" ;; esac
case "$RUN" in "$REPO"|"$REPO"/*) die "RUN_DIR must be outside the repo" ;; esac
[ -f "$WAF/nginx-waf.conf" ] && [ -f "$WAF/modsec-P2.conf" ] || die "waf-crs4 peer configs not found in $WAF"
[ -d "$CRS_DIR/rules" ] || die "CRS not found in CRS_DIR=$CRS_DIR"

# ------------------------------------------------------------------ install / build
install_pkgs() {
    [ "$SKIP_INSTALL" = 1 ] && return 0
    local need=()
    command -v nginx >/dev/null || need+=(nginx)
    [ -f /usr/lib/nginx/modules/ngx_http_modsecurity_module.so ] || need+=(libnginx-mod-http-modsecurity)
    command -v wrk >/dev/null || need+=(wrk)
    command -v curl >/dev/null || need+=(curl)
    [ ${#need[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "missing ${need[*]}; run as root or: apt-get install -y ${need[*]}"
    log "installing ${need[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    timeout 900 apt-get install -y -qq "${need[@]}" >/dev/null || { timeout 900 apt-get update -qq; timeout 900 apt-get install -y -qq "${need[@]}" >/dev/null; }
}

publish_rempart() {
    if [ "$SKIP_PUBLISH" = 1 ] && [ -f "$PUB/rempart.dll" ]; then log "reusing $PUB"; return 0; fi
    log "dotnet publish src/Rempart -c Release -o $PUB"
    rm -rf "$PUB"
    (cd "$REPO" && timeout 900 dotnet publish src/Rempart -c Release -o "$PUB" -nologo -v q) >"$RUN/publish.log" 2>&1 \
        || { tail -30 "$RUN/publish.log" >&2; die "dotnet publish failed (log: $RUN/publish.log)"; }
}

prepare() {
    mkdir -p "$RUN"
    rm -rf "$RUN/conf" "$RUN/logs" "$RUN/tmp" "$RUN/data" "$RUN/crs4" "$RUN/req"
    mkdir -p "$RUN"/{conf,logs,tmp,data,req} "$RES"
    chmod 755 "$RUN"
    # waf-crs4: the CRS copy with crs-setup.conf.example -> crs-setup.conf and the *.conf.example exclusion files enabled (empty examples).
    cp -r "$CRS_DIR" "$RUN/crs4"
    cp "$RUN/crs4/crs-setup.conf.example" "$RUN/crs4/crs-setup.conf"
    for f in "$RUN"/crs4/rules/*.conf.example; do [ -e "$f" ] && cp "$f" "${f%.example}"; done
    chmod -R a+rX "$RUN/crs4"
    local s=(-e "s#@RUN@#$RUN#g" -e "s#@NAME@#P2#g" -e "s#@P0_PORT@#$ORIGIN_PORT#g")
    sed "${s[@]}" -e "s#@PORT@#$ORIGIN_PORT#g" "$WAF/origin.conf" > "$RUN/conf/origin.conf"
    sed "${s[@]}" -e "s#@PORT@#$MODSEC_PORT#g" "$WAF/nginx-waf.conf" > "$RUN/conf/modsec.conf"
    sed "${s[@]}" "$WAF/modsec-base.conf" > "$RUN/conf/modsec-base-P2.conf"
    sed "${s[@]}" "$WAF/modsec-P2.conf" > "$RUN/conf/modsec-P2.conf"
    cat > "$RUN/conf/rempart.yaml" <<EOF
# generated by bench/crs-bench.sh: CRS v4 PL1 from the same folder as ModSecurity's
listen: ["http://127.0.0.1:$REMPART_PORT"]
admin: { listen: "http://127.0.0.1:$REMPART_ADMIN" }
data_dir: $RUN/data/rempart
logs: { access: { target: "off" } }
# wrk from one address is a single-source flood by design: detection still runs (its per-request
# cost is measured) but its floor is out of reach, so mitigation never answers for the origin.
shield: { detection: { rate_floor: 100000000 } }
origins:
  app:
    targets: ["http://127.0.0.1:$ORIGIN_PORT"]
web_acls:
  crs:
    body_limit: 128KiB      # ModSecurity's SecRequestBodyNoFilesLimit 131072
    rules:
      - name: crs
        priority: 1
        statement:
          crs: { path: $CRS_DIR, paranoia_level: 1, anomaly_threshold: 5 }
routes:
  - match: { hosts: ["*"], paths: ["/"] }
    origin: app
    web_acl: crs
    cache: disabled
EOF
    timeout 120 dotnet "$PUB/rempart.dll" validate "$RUN/conf/rempart.yaml" >&2 || die "rempart validate failed"
    make_requests
}

# ------------------------------------------------------------------ requests (wrk Lua scripts)
BROWSER_HEADERS='["User-Agent"]="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
 ["Accept"]="text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
 ["Accept-Language"]="en-GB,en;q=0.9,fr;q=0.8", ["Accept-Encoding"]="gzip, deflate, br",
 ["Referer"]="http://shop.example/", ["Cookie"]="session=3f9a8b7c6d5e4f3a2b1c; theme=light",
 ["Sec-Fetch-Dest"]="document", ["Sec-Fetch-Mode"]="navigate", ["Sec-Fetch-Site"]="same-origin",
 ["Sec-Fetch-User"]="?1", ["Upgrade-Insecure-Requests"]="1", ["Cache-Control"]="max-age=0"'

make_requests() {
    # 1 KiB form of ordinary fields; 64 KiB JSON of ordinary order lines (~560 values). Both pass CRS PL1 (checked below).
    python3 - "$RUN/req" <<'PY'
import json, sys
out = sys.argv[1]
words = "garden chair table lamp blue green oak pine cotton wool small large classic modern".split()
form, i = [], 0
while len("&".join(form)) < 1024 - 40:
    form.append(f"field{i}={words[i % len(words)]}+{words[(i * 7) % len(words)]}")
    i += 1
body = "&".join(form)
body += "&pad=" + "x" * (1024 - len(body) - 5)
open(f"{out}/form.txt", "w").write(body[:1024])
lines, i = [], 0
while True:
    # ~560 values in all: under ModSecurity's SecArgumentsLimit 1000 (rule 200007 refuses more).
    desc = " ".join(words[(i + k) % len(words)] for k in range(60))
    lines.append({"sku": f"SKU-{i:05d}", "qty": i % 5 + 1, "price": 19.5 + i % 40, "description": desc})
    doc = json.dumps({"customer": "Jane Example", "lines": lines})
    if len(doc) > 65536 - 200:
        break
    i += 1
doc = doc[:-2] + "]" + ', "pad": "' + "y" * (65536 - len(doc) - 11) + '"}'
open(f"{out}/json.txt", "w").write(doc)
PY
    cat > "$RUN/req/bare.lua" <<'EOF'
wrk.method = "GET"; wrk.path = "/"
EOF
    cat > "$RUN/req/browser.lua" <<EOF
wrk.method = "GET"; wrk.path = "/shop/search?q=garden+chairs&page=2"
wrk.headers = { $BROWSER_HEADERS }
EOF
    for kind in form json; do
        local type=application/x-www-form-urlencoded path=/checkout
        [ "$kind" = json ] && type=application/json && path=/api/orders
        cat > "$RUN/req/$kind.lua" <<EOF
local f = io.open("$RUN/req/$kind.txt", "rb"); local body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.path = "$path"; wrk.body = body
wrk.headers = { ["Content-Type"] = "$type", ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0", ["Accept"] = "application/json" }
EOF
    done
}

check_request() {  # check_request <case> <port>: the request passes the WAF with 200
    local args=(-s -o /dev/null -w '%{http_code}' --max-time 10)
    case $1 in
        bare) args+=("http://127.0.0.1:$2/") ;;
        browser) args+=(-H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0.0.0" -H "Accept: text/html" -H "Accept-Language: en-GB,en;q=0.9" "http://127.0.0.1:$2/shop/search?q=garden+chairs&page=2") ;;
        form) args+=(-H "Content-Type: application/x-www-form-urlencoded" -H "User-Agent: Mozilla/5.0" -H "Accept: application/json" --data-binary "@$RUN/req/form.txt" "http://127.0.0.1:$2/checkout") ;;
        json) args+=(-H "Content-Type: application/json" -H "User-Agent: Mozilla/5.0" -H "Accept: application/json" --data-binary "@$RUN/req/json.txt" "http://127.0.0.1:$2/api/orders") ;;
    esac
    local code; code=$(curl "${args[@]}" || true)
    [ "$code" = 200 ] || die "$1 request got $code from port $2 (a WAF refuses it; see $RUN/logs)"
}

# ------------------------------------------------------------------ process control
declare -a STARTED=()
cleanup() {
    local pid
    for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
    for f in "$RUN"/P0.pid "$RUN"/P2.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
    sleep 1
}
trap cleanup EXIT

wait_port() { local i; for i in $(seq 1 120); do curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" && return 0; sleep 0.5; done; die "nothing answers on port $1"; }

start_all() {
    nginx -c "$RUN/conf/origin.conf" -p "$RUN" -g "daemon on;" || die "origin nginx did not start"
    wait_port "$ORIGIN_PORT"
    nginx -c "$RUN/conf/modsec.conf" -p "$RUN" -g "daemon on;" || die "nginx+ModSecurity did not start (see $RUN/logs/P2-error.log)"
    wait_port "$MODSEC_PORT"
    (cd "$RUN" && exec dotnet "$PUB/rempart.dll" run --config "$RUN/conf/rempart.yaml" >"$RUN/logs/rempart.out" 2>&1) &
    STARTED+=($!)
    wait_port "$REMPART_PORT"
}

pids_of() {  # the WAF's processes: nginx master + workers for modsec, the dotnet process for rempart
    case $1 in
        modsec) local master; master=$(cat "$RUN/P2.pid"); echo "$master" $(pgrep -P "$master" || true) ;;
        rempart) pgrep -f "rempart.dll run --config $RUN/conf/rempart.yaml" | head -1 ;;
    esac
}
cpu_ticks() { local t=0 p; for p in $1; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
port_of() { case $1 in modsec) echo $MODSEC_PORT ;; rempart) echo $REMPART_PORT ;; esac; }

run_wrk() {  # run_wrk <peer> <case> <seconds> -> "rps requests cpu_ticks"
    local port pids before after out
    port=$(port_of "$1"); pids=$(pids_of "$1")
    before=$(cpu_ticks "$pids")
    out=$(timeout $(( $3 + 30 )) wrk -t1 -c"$CONNS" -d"$3"s -s "$RUN/req/$2.lua" "http://127.0.0.1:$port" 2>&1) || true
    after=$(cpu_ticks "$pids")
    echo "$out" >> "$RES/wrk-$1-$2.txt"
    local rps reqs non2xx
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    reqs=$(echo "$out" | awk '/requests in/ {print $1}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    [ -z "$non2xx" ] || log "WARNING: $1 $2: $non2xx non-2xx responses"
    echo "${rps:-0} ${reqs:-0} $((after - before))"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# ------------------------------------------------------------------ main
mkdir -p "$RUN"
install_pkgs
publish_rempart
prepare
start_all
{ echo "date: $(date -u)"; echo "nproc: $(nproc)"; uptime; nginx -v 2>&1; dpkg -l libmodsecurity3 2>/dev/null | tail -1; dotnet --version; git -C "$REPO" rev-parse --short HEAD; } > "$RES/machine.txt"
for c in $CASES; do check_request "$c" "$MODSEC_PORT"; check_request "$c" "$REMPART_PORT"; done
log "JIT warm-up: ${WARMUP_JIT}s of every case on Rempart"
for c in $CASES; do run_wrk rempart "$c" $(( (WARMUP_JIT + 3) / 4 )) >/dev/null; done

printf 'case\tpeer\trep\trps\trequests\tcpu_us_per_req\n' > "$RES/runs.tsv"
for c in $CASES; do
    for p in modsec rempart; do run_wrk "$p" "$c" "$WARMUP" >/dev/null; done
    for r in $(seq 1 "$REPS"); do
        order="modsec rempart"; [ $((r % 2)) = 0 ] && order="rempart modsec"
        for p in $order; do
            read -r rps reqs ticks < <(run_wrk "$p" "$c" "$DURATION")
            cpu=$(awk -v t="$ticks" -v n="$reqs" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", ((n > 0) ? t / hz * 1e6 / n : 0) }')
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$p" "$r" "$rps" "$reqs" "$cpu" >> "$RES/runs.tsv"
            log "$c $p rep $r: $rps req/s, $cpu µs CPU/request"
        done
    done
done
uptime >> "$RES/machine.txt"

{
    echo "| request | ModSecurity req/s | Rempart req/s | throughput ratio | ModSecurity CPU µs/req | Rempart CPU µs/req | CPU ratio |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for c in $CASES; do
        m_rps=$(awk -F'\t' -v c="$c" '$1 == c && $2 == "modsec" {print $4}' "$RES/runs.tsv" | median)
        r_rps=$(awk -F'\t' -v c="$c" '$1 == c && $2 == "rempart" {print $4}' "$RES/runs.tsv" | median)
        m_cpu=$(awk -F'\t' -v c="$c" '$1 == c && $2 == "modsec" {print $6}' "$RES/runs.tsv" | median)
        r_cpu=$(awk -F'\t' -v c="$c" '$1 == c && $2 == "rempart" {print $6}' "$RES/runs.tsv" | median)
        awk -v c="$c" -v mr="$m_rps" -v rr="$r_rps" -v mc="$m_cpu" -v rc="$r_cpu" \
            'BEGIN { printf "| %s | %.0f | %.0f | %.2f× | %.0f | %.0f | %.2f× |\n", c, mr, rr, ((mr > 0) ? rr / mr : 0), mc, rc, ((rc > 0) ? mc / rc : 0) }'
    done
    echo
    echo "wrk -t1 -c$CONNS, $REPS × ${DURATION}s per request and peer (median), alternating peers; CPU = utime+stime of the WAF process(es) per completed request (origin not counted)."
    echo "Machine: $(nproc) cores, shared with other workloads during the run: $(head -3 "$RES/machine.txt" | tail -1 | sed 's/^ *//')"
} | tee "$RES/summary.md"
log "results in $RES"
