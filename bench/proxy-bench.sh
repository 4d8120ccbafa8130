#!/usr/bin/env bash
# proxy-bench.sh -- Rempart vs the nginx reverse proxy, side by side, in front of the same origin.
#
# On loopback only (127.0.0.1). Starts:
#   origin      nginx static origin (peers/origin.conf): /small 1 KiB, /large 64 KiB    BASE_PORT+0
#   nginx       nginx reverse proxy, upstream keep-alive (peers/nginx-proxy.conf)      BASE_PORT+1
#   rempart     Rempart, access log off    (admin on BASE_PORT+3)                      BASE_PORT+2
#   rempart-log Rempart, default file access log (admin on BASE_PORT+5)                BASE_PORT+4
#   yarp        (optional, PEERS=... yarp) the minimal YARP 2.3 proxy of peers/yarp,
#               built in RUN_DIR: the .NET floor Rempart starts from                   BASE_PORT+6
#   rempart-nowaf (optional, PEERS=... rempart-nowaf) Rempart, access log off, the route with
#               `web_acl: none` (the WAF off): the proxy's own cost (admin BASE_PORT+8)  BASE_PORT+7
#   rempart-<v> (optional, REMPART_VARIANTS) Rempart, access log off, with extra
#               environment, to A/B runtime knobs in the same run                      BASE_PORT+10+2i
# and measures each with wrk -t1 -c$CONNS --latency: a JIT warm-up for each .NET peer, then per
# path a short warm-up of every peer, then REPS runs of DURATION seconds, alternating the peers
# (the order rotates each rep); the median of the reps is reported. Every wrk run is bounded
# (-d and `timeout`); every server started is stopped by PID on exit.
#
# Modes: unpinned  nothing pinned; nginx worker_processes 2
#        pinned    servers (origin + proxy) on CPU $SERVER_CPU via taskset, wrk on CPU $WRK_CPU;
#                  nginx worker_processes 1 (only when taskset exists and the machine has >= 2 CPUs)
#
# Usage:  bash bench/proxy-bench.sh                 # full run, 12-17 min on 2 cores
#         QUICK=1 bash bench/proxy-bench.sh         # check the script works, ~2 min
# Env:    DURATION=10 REPS=3 WARMUP_JIT=30 WARMUP=3 CONNS=32 MODES="unpinned pinned"
#         PEERS="origin nginx rempart rempart-log" (add rempart-nowaf and yarp to split the cost)
#         PATHS="small large"
#         QUICK=1 (DURATION=5 REPS=1 WARMUP_JIT=15 MODES=unpinned unless set explicitly)
#         PEERS_DIR=<repo>/../shared/peers  RUN_DIR=/tmp/rempart-proxy-bench  BASE_PORT=19080
#         OTHER_MAX=1.0 MAX_TRIES=3 RETRY_PAUSE=5 (a rep in which other tenants of the machine used
#           more than OTHER_MAX CPU-seconds is re-run after RETRY_PAUSE s, up to MAX_TRIES tries;
#           the quietest try is kept)
#         SERVER_CPU=1 WRK_CPU=0  SKIP_INSTALL=1  SKIP_PUBLISH=1 (reuse $RUN_DIR/publish)
#         REMPART_REF=<git ref> (publish that commit, exported with git archive into RUN_DIR, instead
#           of the working tree -- reproducible while someone is editing src/)
#         REMPART_ENV="DOTNET_gcServer=1" (extra environment for every Rempart process, e.g. GC knobs)
#         REMPART_VARIANTS="gcsrv=DOTNET_gcServer=1 inl=DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
#           (adds peers rempart-gcsrv, rempart-inl: name=VAR=value[,VAR=value...])
# Output: the markdown tables on stdout and in $RUN_DIR/results/<UTC stamp>/summary.md
#         (raw wrk output, runs.tsv, mem.tsv, machine.txt next to it). Nothing is written to the repo.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS_DIR=${PEERS_DIR:-$REPO/../shared/peers}
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
    DURATION=${DURATION:-5}; REPS=${REPS:-1}; WARMUP_JIT=${WARMUP_JIT:-15}; MODES=${MODES:-unpinned}
fi
DURATION=${DURATION:-10}
REPS=${REPS:-3}
WARMUP_JIT=${WARMUP_JIT:-30}   # .NET tiered JIT + dynamic PGO needs 15-60 s of load to settle
WARMUP=${WARMUP:-3}            # per path and peer, before the reps (fills connection pools)
CONNS=${CONNS:-32}
PEERS=${PEERS:-"origin nginx rempart rempart-log"}
PATHS=${PATHS:-"small large"}
OTHER_MAX=${OTHER_MAX:-1.0}
MAX_TRIES=${MAX_TRIES:-3}
RETRY_PAUSE=${RETRY_PAUSE:-5}
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
SKIP_INSTALL=${SKIP_INSTALL:-0}
SKIP_PUBLISH=${SKIP_PUBLISH:-0}
REMPART_ENV=${REMPART_ENV:-}
REMPART_REF=${REMPART_REF:-}
RUN=${RUN_DIR:-/tmp/rempart-proxy-bench}
BASE_PORT=${BASE_PORT:-19080}
if [ -z "${MODES:-}" ]; then
    if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then MODES="unpinned pinned"; else MODES="unpinned"; fi
fi

ORIGIN_PORT=$BASE_PORT
NGINX_PORT=$((BASE_PORT + 1))
REMPART_PORT=$((BASE_PORT + 2));     REMPART_ADMIN=$((BASE_PORT + 3))
REMPART_LOG_PORT=$((BASE_PORT + 4)); REMPART_LOG_ADMIN=$((BASE_PORT + 5))
YARP_PORT=$((BASE_PORT + 6))
NOWAF_PORT=$((BASE_PORT + 7)); NOWAF_ADMIN=$((BASE_PORT + 8))
declare -A VAR_ENV=() VAR_PORT=()
REMPART_VARIANTS=${REMPART_VARIANTS:-}
vi=0
for spec in $REMPART_VARIANTS; do
    vname=${spec%%=*}; venv=${spec#*=}
    [[ "$vname" =~ ^[a-z0-9]+$ ]] && [ "$vname" != log ] && [ "$vname" != nowaf ] && [ "$venv" != "$spec" ] || { echo "bad REMPART_VARIANTS entry '$spec' (want name=VAR=value[,VAR=value])" >&2; exit 1; }
    VAR_ENV[$vname]=${venv//,/ }; VAR_PORT[$vname]=$((BASE_PORT + 10 + 2 * vi)); vi=$((vi + 1))
    PEERS="$PEERS rempart-$vname"
done
PUB="$RUN/publish"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RES="$RUN/results/$STAMP"
CLK_TCK=$(getconf CLK_TCK)
ADMIN_TOKEN="bench-$RANDOM$RANDOM$RANDOM"   # only for the Rempart instances this script starts

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case "$RUN" in ""|/|/tmp|/tmp/) die "RUN_DIR must be a dedicated scratch folder, not '$RUN'" ;; esac
case "$RUN" in "$REPO"|"$REPO"/*) die "RUN_DIR must be outside the repo" ;; esac
[ -f "$PEERS_DIR/origin.conf" ] && [ -f "$PEERS_DIR/nginx-proxy.conf" ] \
    || die "peer configs not found in PEERS_DIR=$PEERS_DIR (expected origin.conf and nginx-proxy.conf)"
PEERS_DIR=$(cd "$PEERS_DIR" && pwd)

port_of() {
    case $1 in
        origin) echo "$ORIGIN_PORT" ;; nginx) echo "$NGINX_PORT" ;;
        rempart) echo "$REMPART_PORT" ;; rempart-log) echo "$REMPART_LOG_PORT" ;; yarp) echo "$YARP_PORT" ;;
        rempart-nowaf) echo "$NOWAF_PORT" ;;
        rempart-*) [ -n "${VAR_PORT[${1#rempart-}]:-}" ] || die "unknown peer $1"; echo "${VAR_PORT[${1#rempart-}]}" ;;
        *) die "unknown peer $1" ;;
    esac
}
url_of() { case $1 in small) echo /small ;; large) echo /large ;; *) die "unknown path $1" ;; esac; }
size_of() { case $1 in small) echo 1024 ;; large) echo 65536 ;; esac; }

# ------------------------------------------------------------------ install / build
install_pkgs() {
    local need=()
    command -v nginx >/dev/null || need+=(nginx)
    command -v wrk >/dev/null || need+=(wrk)
    command -v curl >/dev/null || need+=(curl)
    [ ${#need[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "missing ${need[*]}; run as root or install them: apt-get install -y ${need[*]}"
    log "installing ${need[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    timeout 900 apt-get update -qq
    timeout 900 apt-get install -y -qq "${need[@]}" >/dev/null
}

publish_rempart() {
    if [ "$SKIP_PUBLISH" = 1 ] && [ -f "$PUB/rempart.dll" ]; then log "reusing $PUB"; return 0; fi
    command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is required"
    local src=$REPO
    if [ -n "$REMPART_REF" ]; then
        src="$RUN/src-snapshot"
        rm -rf "$src"; mkdir -p "$src"
        git -C "$REPO" archive "$REMPART_REF" | tar -x -C "$src" || die "git archive $REMPART_REF failed"
        log "exported $REMPART_REF ($(git -C "$REPO" rev-parse --short "$REMPART_REF")) to $src"
    fi
    log "dotnet publish src/Rempart -c Release -o $PUB (from $src)"
    rm -rf "$PUB"
    (cd "$src" && timeout 900 dotnet publish src/Rempart -c Release -o "$PUB" -nologo -v q) >"$RUN/publish.log" 2>&1 \
        || { tail -30 "$RUN/publish.log" >&2; die "dotnet publish failed (log: $RUN/publish.log)"; }
    [ -f "$PUB/rempart.dll" ] || die "publish produced no rempart.dll"
}

build_yarp() {  # the peers' minimal YARP proxy, built from a copy in the scratch folder
    [[ " $PEERS " == *" yarp "* ]] || return 0
    [ -f "$PEERS_DIR/yarp/yarp-min.csproj" ] || die "PEERS has yarp but $PEERS_DIR/yarp/yarp-min.csproj is missing"
    log "building the minimal YARP peer in $RUN/yarp"
    rm -rf "$RUN/yarp"; mkdir -p "$RUN/yarp/src"
    cp "$PEERS_DIR/yarp/Program.cs" "$PEERS_DIR/yarp/yarp-min.csproj" "$PEERS_DIR/yarp/appsettings.json" "$RUN/yarp/src/"
    (cd "$RUN/yarp/src" && timeout 900 dotnet publish -c Release -o "$RUN/yarp/publish" -nologo -v q) >"$RUN/yarp-publish.log" 2>&1 \
        || { tail -30 "$RUN/yarp-publish.log" >&2; die "building the YARP peer failed"; }
}

gen() {  # gen <template> <output> <port>
    sed -e "s#@RUN@#$RUN#g" -e "s#@ORIGIN_PORT@#$ORIGIN_PORT#g" -e "s#@PORT@#$3#g" -e "s#@NAME@#bench#g" \
        "$PEERS_DIR/$1" > "$RUN/conf/$2"
}

rempart_conf() {  # rempart_conf <name> <port> <admin port> <log: off|default> [route extra line]
    local f="$RUN/conf/$1.yaml" logs
    if [ "$4" = off ]; then logs='logs: { access: { target: "off" } }'; else logs='# logs: default (file access log in data_dir)'; fi
    cat > "$f" <<EOF
# generated by bench/proxy-bench.sh
listen: ["http://127.0.0.1:$2"]
admin: { listen: "http://127.0.0.1:$3" }
data_dir: $RUN/data/$1
$logs
origins:
  app:
    targets: ["http://127.0.0.1:$ORIGIN_PORT"]
routes:
  - match: { hosts: ["*"], paths: ["/"] }
    origin: app
    cache: disabled   # a proxy benchmark: the origin's max-age would otherwise make every request a cache hit
${5:-}
# wrk from one address is a single-source flood by design: detection runs (its per-request cost
# is in the figures) but its floor sits above any rate this machine reaches, so nothing is mitigated.
shield: { detection: { rate_floor: 100000000 } }
EOF
    timeout 120 dotnet "$PUB/rempart.dll" validate "$f" >&2 || die "rempart validate $f failed"
}

prepare_run_dir() {
    mkdir -p "$RUN"
    rm -rf "$RUN/conf" "$RUN/logs" "$RUN/www" "$RUN/tmp" "$RUN/data"
    mkdir -p "$RUN"/{conf,logs,www,tmp,data} "$RES/raw"
    chmod 755 "$RUN" "$RUN/www"    # nginx workers run as www-data when started as root
    head -c 1024 /dev/zero | tr '\0' 's' > "$RUN/www/small.txt"
    head -c 65536 /dev/zero | tr '\0' 'L' > "$RUN/www/large.txt"
    chmod 644 "$RUN"/www/*
    gen origin.conf origin.conf "$ORIGIN_PORT"
    gen nginx-proxy.conf nginx-proxy.conf "$NGINX_PORT"
    rempart_conf rempart "$REMPART_PORT" "$REMPART_ADMIN" off
    rempart_conf rempart-log "$REMPART_LOG_PORT" "$REMPART_LOG_ADMIN" default
    if [[ " $PEERS " == *" rempart-nowaf "* ]]; then
        rempart_conf rempart-nowaf "$NOWAF_PORT" "$NOWAF_ADMIN" off "    web_acl: none"
    fi
    local v
    for v in "${!VAR_PORT[@]}"; do rempart_conf "rempart-$v" "${VAR_PORT[$v]}" $((VAR_PORT[$v] + 1)) off; done
}

# ------------------------------------------------------------------ process control
declare -a STARTED=()
declare -A PID_OF=()
PIN=""; WRKPIN=""; NGX_WORKERS=2

stop_pid() {
    local pid=$1 p keep=()
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    for p in "${STARTED[@]+"${STARTED[@]}"}"; do [ "$p" != "$pid" ] && keep+=("$p"); done
    STARTED=("${keep[@]+"${keep[@]}"}")
}
stop_all() {
    local p
    if [ -n "${WRK_PID:-}" ]; then kill -TERM "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
    for p in "${STARTED[@]+"${STARTED[@]}"}"; do stop_pid "$p"; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM HUP

port_free() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 1; fi
    if command -v ss >/dev/null && [ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]; then return 1; fi
    return 0
}

wait_http() {  # wait_http <port> <pid>: until /small answers 200
    local port=$1 pid=$2
    for _ in $(seq 1 600); do
        kill -0 "$pid" 2>/dev/null || { log "server pid $pid died (see $RUN/logs)"; return 1; }
        [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$port/small" || true)" = 200 ] && return 0
        sleep 0.1
    done
    log "port $port never answered 200"; return 1
}

start_peer() {  # start_peer <peer> ; the server runs in the foreground of a background job
    local peer=$1 port; port=$(port_of "$1")
    port_free "$port" || die "port $port (for $peer) is already in use; set BASE_PORT to move all ports"
    case $peer in
        origin|nginx)
            local conf=origin.conf; [ "$peer" = nginx ] && conf=nginx-proxy.conf
            $PIN nginx -p "$RUN/" -c "$RUN/conf/$conf" -g "daemon off; worker_processes $NGX_WORKERS;" \
                >>"$RUN/logs/$peer.out" 2>&1 &
            ;;
        rempart|rempart-*)
            local admin=$REMPART_ADMIN extra=""
            case $peer in
                rempart-log) admin=$REMPART_LOG_ADMIN ;;
                rempart-nowaf) admin=$NOWAF_ADMIN ;;
                rempart-*) admin=$((port + 1)); extra=${VAR_ENV[${peer#rempart-}]} ;;
            esac
            port_free "$admin" || die "port $admin (admin of $peer) is already in use; set BASE_PORT"
            # shellcheck disable=SC2086
            (cd "$RUN" && exec env REMPART_ADMIN_TOKEN="$ADMIN_TOKEN" $REMPART_ENV $extra $PIN \
                dotnet "$PUB/rempart.dll" run --config "$RUN/conf/$peer.yaml") >>"$RUN/logs/$peer.out" 2>&1 &
            ;;
        yarp)
            (cd "$RUN/yarp" && exec env ORIGIN_URL="http://127.0.0.1:$ORIGIN_PORT" $PIN \
                dotnet "$RUN/yarp/publish/yarp-min.dll" --urls "http://127.0.0.1:$port") >>"$RUN/logs/$peer.out" 2>&1 &
            ;;
    esac
    PID_OF[$peer]=$!
    STARTED+=("$!")
    wait_http "$port" "$!" || die "$peer did not start"
}

check_peer() {  # both paths answer 200 with the right size
    local peer=$1 port path code size ok=0; port=$(port_of "$1")
    for path in $PATHS; do
        read -r code size < <(curl -s -o /dev/null -m 5 -w '%{http_code} %{size_download}\n' "http://127.0.0.1:$port$(url_of "$path")" || echo "000 0")
        if [ "$code" != 200 ] || [ "$size" != "$(size_of "$path")" ]; then
            log "CHECK FAIL $peer $path: status $code, $size bytes"; ok=1
        fi
    done
    return $ok
}

# ------------------------------------------------------------------ memory and CPU accounting
tree_pids() { local p=$1 c; echo "$p"; for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do tree_pids "$c"; done; }
mem_of() {  # "rss_mib hwm_mib" summed over the process tree
    local rss=0 hwm=0 p v
    for p in $(tree_pids "$1"); do
        [ -r "/proc/$p/status" ] || continue
        v=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status"); rss=$((rss + ${v:-0}))
        v=$(awk '/^VmHWM:/{print $2}' "/proc/$p/status"); hwm=$((hwm + ${v:-0}))
    done
    awk -v r=$rss -v h=$hwm 'BEGIN{printf "%.1f %.1f\n", r/1024, h/1024}'
}
tree_ticks() { local p t=0 v; for p in $(tree_pids "$1"); do
    v=$(awk '{sub(/^.*\) /,""); print $12+$13}' "/proc/$p/stat" 2>/dev/null || true); t=$((t + ${v:-0})); done; echo $t; }
sys_ticks() { awk '/^cpu /{print $2+$3+$4+$7, $9, $8}' /proc/stat; }   # busy (user nice system irq), steal, softirq
# The shell's own "times" gives the CPU of reaped children (wrk); must run in the main shell.
CHILD_S=0
children_s() { times > "$RUN/times.tmp"; CHILD_S=$(awk 'NR==2{t=0; for(i=1;i<=2;i++){split($i,a,"m"); sub("s","",a[2]); t+=a[1]*60+a[2]}; printf "%.3f", t}' "$RUN/times.tmp"); }

# ------------------------------------------------------------------ load
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}' <<<"$1"; }

WRK_PID=""
run_wrk() {  # run_wrk <port> <path key> <seconds> <outfile>
    # bounded twice: wrk -d, and a hard timeout in case wrk hangs; run in the background and
    # waited for, so that a signal to this script stops it at once (the EXIT trap stops wrk too)
    timeout -k 5 $(($3 + 30)) $WRKPIN wrk -t1 -c"$CONNS" -d"${3}s" --latency \
        "http://127.0.0.1:$1$(url_of "$2")" > "$4" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || log "wrk exited non-zero ($4)"
    WRK_PID=""
}

parse_wrk() {  # "rps p50_ms p99_ms non2xx sock_err requests"
    local f=$1 rps p50 p99 non2 err n
    rps=$(awk '/^Requests\/sec:/{print $2}' "$f")
    p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$f")")
    p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$f")")
    non2=$(awk '/Non-2xx or 3xx responses:/{print $NF}' "$f")
    err=$(awk '/Socket errors:/{gsub(",",""); s=0; for(i=1;i<=NF;i++) if($i ~ /^[0-9]+$/) s+=$i; print s}' "$f")
    n=$(awk '/requests in/{print $1; exit}' "$f")
    echo "${rps:-0} ${p50:-0} ${p99:-0} ${non2:-0} ${err:-0} ${n:-0}"
}

all_ticks() { local p t=0; for p in "${STARTED[@]+"${STARTED[@]}"}"; do t=$((t + $(tree_ticks "$p"))); done; echo $t; }

one_rep() {  # one_rep <peer> <path> <file> ; sets REP_ROW, REP_OTHER
    local peer=$1 key=$2 f=$3 pid b0 st0 si0 b1 st1 si1 p0 p1 a0 a1 c0 c1
    pid=${PID_OF[$peer]}
    read -r b0 st0 si0 <<<"$(sys_ticks)"; p0=$(tree_ticks "$pid"); a0=$(all_ticks)
    children_s; c0=$CHILD_S
    run_wrk "$(port_of "$peer")" "$key" "$DURATION" "$f"
    children_s; c1=$CHILD_S
    read -r b1 st1 si1 <<<"$(sys_ticks)"; p1=$(tree_ticks "$pid"); a1=$(all_ticks)
    # other tenants = machine busy (softirq excluded: loopback traffic is ours) - all our servers - wrk
    REP_OTHER=$(awk -v b=$((b1 - b0)) -v a=$((a1 - a0)) -v hz="$CLK_TCK" -v c0="$c0" -v c1="$c1" \
        'BEGIN{v=(b-a)/hz-(c1-c0); if (v < 0) v = 0; printf "%.2f", v}')
    REP_ROW="$(parse_wrk "$f") $REP_OTHER $(awk -v s=$((st1 - st0)) -v p=$((p1 - p0)) -v hz="$CLK_TCK" -v c0="$c0" -v c1="$c1" \
        'BEGIN{printf "%.2f %.3f %.2f", s/hz, p/hz, c1-c0}')"
}

measure_rep() {  # measure_rep <mode> <peer> <path> <rep>
    local mode=$1 peer=$2 key=$3 i=$4 t f best_row="" best_other=""
    for t in $(seq 1 "$MAX_TRIES"); do
        f="$RES/raw/$mode-$peer-$key-$i-try$t.txt"
        one_rep "$peer" "$key" "$f"
        log "  $mode $peer $key rep$i try$t: rps p50 p99 non2xx err requests other_cpu_s steal_s peer_cpu_s wrk_cpu_s = $REP_ROW"
        if [ -z "$best_other" ] || awk -v a="$REP_OTHER" -v b="$best_other" 'BEGIN{exit !(a<b)}'; then
            best_row="$REP_ROW $t"; best_other=$REP_OTHER
        fi
        awk -v a="$REP_OTHER" -v m="$OTHER_MAX" 'BEGIN{exit !(a<=m)}' && break
        if [ "$t" -lt "$MAX_TRIES" ]; then sleep "$RETRY_PAUSE"; fi   # other tenants are bursty (builds)
    done
    echo "$mode $peer $key $i $best_row" >> "$RES/runs.tsv"
}

rempart_metric() {  # rempart_metric <admin port> <metric name prefix>: sum of matching samples
    curl -s -m 5 -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$1/metrics" 2>/dev/null \
        | awk -v m="$2" 'index($0, m)==1 {s+=$NF; f=1} END{if (f) printf "%.0f", s; else printf "0"}'
}

# ------------------------------------------------------------------ summary
machine_info() {
    local rt
    rt=$(awk -F: '/"System.GC.Server"/{gsub(/[ ,]/,"",$2); print $2}' "$PUB/rempart.runtimeconfig.json" 2>/dev/null)
    {
        echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
        echo "host: nproc $(nproc); cpu $(lscpu 2>/dev/null | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2; exit}'); $(awk '/MemTotal/{printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo); kernel $(uname -r)"
        echo "virtualization: $(lscpu 2>/dev/null | awk -F: '/Hypervisor vendor/{gsub(/^ +/,"",$2); print $2; exit}')"
        echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "nginx: $(nginx -v 2>&1 | sed 's/.*nginx\///')"
        echo "wrk: $(dpkg-query -W -f='${Version}' wrk 2>/dev/null || wrk -v 2>&1 | head -1)"
        echo "dotnet: SDK $(dotnet --version); $(dotnet --list-runtimes | awk '/AspNetCore/{v=$2} END{print "ASP.NET Core runtime " v}')"
        if [[ " $PEERS " == *" yarp "* ]]; then
            echo "yarp peer: Yarp.ReverseProxy 2.3.0, Web SDK defaults (System.GC.Server=$(awk -F: '/"System.GC.Server"/{gsub(/[ ,]/,"",$2); print $2}' "$RUN/yarp/publish/yarp-min.runtimeconfig.json" 2>/dev/null))"
        fi
        echo "rempart variants: ${REMPART_VARIANTS:-none}"
        if [ -n "$REMPART_REF" ]; then
            echo -n "rempart: $REMPART_REF = $(git -C "$REPO" rev-parse --short "$REMPART_REF" 2>/dev/null) (git archive)"
        else
            echo -n "rempart: working tree at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)$( [ -n "$(git -C "$REPO" status --porcelain -- src 2>/dev/null)" ] && echo ' + uncommitted changes in src/')"
        fi
        [ "$SKIP_PUBLISH" = 1 ] && echo -n " (SKIP_PUBLISH=1: build reused from $PUB, may be older)"
        echo "; runtimeconfig System.GC.Server=${rt:-unset}; REMPART_ENV='${REMPART_ENV}'"
        echo "settings: MODES='$MODES' PEERS='$PEERS' PATHS='$PATHS' DURATION=${DURATION}s REPS=$REPS WARMUP_JIT=${WARMUP_JIT}s WARMUP=${WARMUP}s CONNS=$CONNS wrk -t1 OTHER_MAX=$OTHER_MAX MAX_TRIES=$MAX_TRIES"
        echo "peers: $PEERS_DIR (origin.conf, nginx-proxy.conf); ports $ORIGIN_PORT..$NOWAF_ADMIN (variants from $((BASE_PORT + 10))) on 127.0.0.1"
    } > "$RES/machine.txt"
}

summarize() {
    local out="$RES/summary.md"
    {
        echo "## Rempart vs nginx reverse proxy ($(date -u '+%Y-%m-%d'))"
        echo
        sed 's/^/    /' "$RES/machine.txt"
        echo
        echo "Medians of $REPS rep(s) of ${DURATION}s, wrk -t1 -c$CONNS. proxy CPU = CPU time of the proxy's"
        echo "own processes per request (the origin excluded; for origin, the origin itself)."
        echo "other CPU = CPU-seconds used by other tenants of the machine during the kept rep (max over reps)."
        echo
        echo "| mode | peer | path | req/s | p50 ms | p99 ms | proxy CPU µs/req | non-2xx | socket errors | other CPU s |"
        echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
        awk '
            function med(s,   a, m, i, j, t) { m = split(s, a, " "); if (!m) return -1
                for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
                return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
            { k = $1 " " $2 " " $3; if (!(k in seen)) { seen[k] = 1; ord[++n] = k }
              rps[k] = rps[k] " " $5; p50[k] = p50[k] " " $6; p99[k] = p99[k] " " $7; n2[k] += $8; er[k] += $9
              us[k] = us[k] " " (($10 > 0) ? $13 * 1e6 / $10 : 0); if ($11 + 0 > oth[k] + 0 || !(k in oth)) oth[k] = $11 }
            END { for (i = 1; i <= n; i++) { k = ord[i]; split(k, x, " ")
                printf "| %s | %s | %s | %.0f | %.2f | %.2f | %.0f | %d | %d | %.2f |\n", x[1], x[2], (x[3] == "small" ? "1 KiB" : "64 KiB"),
                    med(rps[k]), med(p50[k]), med(p99[k]), med(us[k]), n2[k], er[k], oth[k] } }' "$RES/runs.tsv"
        echo
        echo "Ratios (goal: throughput >= 0.80x nginx, p99 <= 1.50x nginx):"
        echo
        awk '
            function med(s,   a, m, i, j, t) { m = split(s, a, " "); if (!m) return -1
                for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
                return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
            { k = $1 SUBSEP $2 SUBSEP $3; rps[k] = rps[k] " " $5; p99[k] = p99[k] " " $7
              if (!($2 in ps)) { ps[$2] = 1; pl[++np_] = $2 }
              if (!(($1 SUBSEP $3) in mp)) { mp[$1 SUBSEP $3] = 1; ord[++n] = $1 SUBSEP $3 } }
            END { for (i = 1; i <= n; i++) { split(ord[i], x, SUBSEP); m = x[1]; p = x[2]
                nk = m SUBSEP "nginx" SUBSEP p; if (!(nk in rps)) continue
                nr = med(rps[nk]); np = med(p99[nk])
                for (r = 1; r <= np_; r++) { g = pl[r]; if (g == "origin" || g == "nginx") continue; gk = m SUBSEP g SUBSEP p; if (!(gk in rps)) continue
                    tr = med(rps[gk]) / nr; lr = (np > 0) ? med(p99[gk]) / np : 0
                    printf "- %s %s: %s/nginx throughput %.2fx (%s), p99 %.2fx (%s)\n", m, (p == "small" ? "1 KiB" : "64 KiB"), g,
                        tr, (tr >= 0.8 ? "meets goal" : "BELOW goal"), lr, (lr <= 1.5 ? "meets goal" : "ABOVE goal") } } }' "$RES/runs.tsv"
        echo
        echo "| mode | peer | RSS MiB idle (after start) | RSS MiB after load | peak RSS (VmHWM) MiB |"
        echo "|---|---|---:|---:|---:|"
        awk '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}' "$RES/mem.tsv"
        if [ -s "$RES/notes.txt" ]; then echo; cat "$RES/notes.txt"; fi
    } > "$out"
    cat "$out"
}

# ------------------------------------------------------------------ main
[ "$SKIP_INSTALL" = 1 ] || install_pkgs
for c in nginx wrk curl dotnet; do command -v "$c" >/dev/null || die "$c not found"; done
mkdir -p "$RUN" "$RES/raw"
publish_rempart
build_yarp
prepare_run_dir
machine_info
cat "$RES/machine.txt" >&2
: > "$RES/runs.tsv"; : > "$RES/mem.tsv"; : > "$RES/notes.txt"
echo "mode peer path rep rps p50_ms p99_ms non2xx sock_err requests other_cpu_s steal_s peer_cpu_s wrk_cpu_s kept_try" > "$RES/runs.columns"
read -ra PEER_LIST <<<"$PEERS"   # the origin is always started; it is measured only when listed

for mode in $MODES; do
    case $mode in
        pinned)
            command -v taskset >/dev/null || { log "taskset not found: skipping pinned mode"; continue; }
            [ "$(nproc)" -ge 2 ] || { log "fewer than 2 CPUs: skipping pinned mode"; continue; }
            PIN="taskset -c $SERVER_CPU"; WRKPIN="taskset -c $WRK_CPU"; NGX_WORKERS=1 ;;
        unpinned) PIN=""; WRKPIN=""; NGX_WORKERS=2 ;;
        *) die "unknown mode $mode" ;;
    esac
    log "=== mode $mode (servers: '${PIN:-not pinned}', wrk: '${WRKPIN:-not pinned}', nginx workers $NGX_WORKERS)"
    rm -rf "$RUN/data" "$RUN/tmp"; mkdir -p "$RUN/data" "$RUN/tmp"
    declare -A IDLE=()
    start_peer origin
    for peer in "${PEER_LIST[@]}"; do
        [ "$peer" = origin ] && continue
        start_peer "$peer"
    done
    for peer in "${PEER_LIST[@]}"; do
        check_peer "$peer" || die "functional check failed for $peer"
        IDLE[$peer]=$(mem_of "${PID_OF[$peer]}" | cut -d' ' -f1)
        log "$peer up (pid ${PID_OF[$peer]}), idle RSS ${IDLE[$peer]} MiB"
    done

    # JIT warm-up of each .NET peer: WARMUP_JIT s on /small, then WARMUP_JIT/2 s on /large
    for peer in "${PEER_LIST[@]}"; do
        case $peer in rempart|rempart-*|yarp) ;; *) continue ;; esac
        log "JIT warm-up $peer: ${WARMUP_JIT}s /small + $((WARMUP_JIT / 2))s /large"
        run_wrk "$(port_of "$peer")" small "$WARMUP_JIT" "$RES/raw/$mode-$peer-jitwarmup-small.txt"
        run_wrk "$(port_of "$peer")" large "$((WARMUP_JIT / 2 > 0 ? WARMUP_JIT / 2 : 1))" "$RES/raw/$mode-$peer-jitwarmup-large.txt"
        log "  warm-up $peer last run: $(parse_wrk "$RES/raw/$mode-$peer-jitwarmup-large.txt" | cut -d' ' -f1,3) (rps p99 /large)"
    done

    n=${#PEER_LIST[@]}
    for key in $PATHS; do
        for peer in "${PEER_LIST[@]}"; do
            run_wrk "$(port_of "$peer")" "$key" "$WARMUP" "$RES/raw/$mode-$peer-$key-warmup.txt"
        done
        for i in $(seq 1 "$REPS"); do
            for j in $(seq 0 $((n - 1))); do   # rotate the order every rep
                peer=${PEER_LIST[$(((j + i - 1) % n))]}
                measure_rep "$mode" "$peer" "$key" "$i"
            done
        done
    done

    for peer in "${PEER_LIST[@]}"; do
        check_peer "$peer" || log "post-load check failed for $peer"
        echo "$mode $peer ${IDLE[$peer]} $(mem_of "${PID_OF[$peer]}")" >> "$RES/mem.tsv"
    done
    if [[ " ${PEER_LIST[*]} " == *" rempart-log "* ]]; then
        served=$(rempart_metric "$REMPART_LOG_ADMIN" rempart_requests_total)
        dropped=$(rempart_metric "$REMPART_LOG_ADMIN" rempart_access_log_dropped_total)
        sleep 1
        lines=$(cat "$RUN/data/rempart-log/access.log"* 2>/dev/null | wc -l)
        bytes=$(cat "$RUN/data/rempart-log/access.log"* 2>/dev/null | wc -c)
        echo "- $mode rempart-log access log: $served requests served, $dropped lines dropped (rempart_access_log_dropped_total), $lines lines / $((bytes / 1048576)) MiB on disk (rotated at 100 MiB, 5 files kept)" >> "$RES/notes.txt"
    fi
    for peer in "${PEER_LIST[@]}"; do [ "$peer" = origin ] || stop_pid "${PID_OF[$peer]}"; done
    stop_pid "${PID_OF[origin]}"
    rm -rf "$RUN/data/rempart-log"   # the access logs can reach 600 MiB
done

echo
summarize
log "results: $RES/summary.md (raw wrk output in $RES/raw, per-rep rows in $RES/runs.tsv)"
