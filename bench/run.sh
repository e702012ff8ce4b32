#!/usr/bin/env bash
# Tollgate's benchmark (issues 9 and 16), one command: ./bench/run.sh
#
# Measures, side by side on this machine and against the same static Okta-shaped upstream (nginx):
# direct to the upstream, nginx as a plain reverse proxy, a Liberty pass-through (the same Open
# Liberty runtime and HTTP client, a servlet that only copies: a bench-only WAR built from
# bench/passthrough, never part of tollgate.war), Tollgate with everything on (embedded Derby),
# with recording off, with masking off, and Tollgate on PostgreSQL with everything on (an embedded
# PostgreSQL started by io.tollgate.bench.BenchPostgres). Every Tollgate row is reported as a ratio
# to nginx and to the pass-through. Throughput (wrk, concurrency 32 and 128), latency at fixed
# arrival rates (FixedRateLoad, coordinated omission accounted for), allocation per request and young
# collection pauses at 500 req/s (JFR, io.tollgate.bench.AllocationAndPauses), server memory,
# response sizes 2 KB / 2 MB / 200 MB, policy decision time (JMH), a large audit table, and a JFR
# profile of the hot path.
# Results: target/bench/report.md, also written into docs/benchmarks.md between its markers.
#
# Settings (environment): BENCH_QUICK=1 (a smoke run of a few seconds per point), BENCH_SECONDS
# (per throughput point, default 10), BENCH_RATE_SECONDS (per fixed-rate point, default 10),
# BENCH_AUDIT_ROWS and BENCH_AUDIT_SECONDS (rows added for the audit-table point: 10 million, or as
# many as fit in 1,500 s; about 12,000 a second on 2 cores, 12 GB of disk), BENCH_SKIP_JMH=1,
# BENCH_WRITE_DOCS=0 (leave docs/benchmarks.md alone), BENCH_FOCUS=ratios (only c32 throughput of each row
# and the profile: a quick check of a change by its ratio to the pass-through), BENCH_PORT_BASE (default
# 18000: the ports are the base plus 80 Tollgate, 81 the upstream, 82 nginx's proxy, 90 the pass-through,
# 432 PostgreSQL, 443 and 453 HTTPS of Tollgate and the pass-through; two people benchmarking on one
# machine each take a base of their own, e.g. BENCH_PORT_BASE=38000). Traffic goes to 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench"
PORT_BASE=${BENCH_PORT_BASE:-18000}
if ! [[ "$PORT_BASE" =~ ^[0-9]+$ ]] || (( PORT_BASE < 1024 || PORT_BASE > 65000 )); then
  echo "BENCH_PORT_BASE must be a number from 1024 to 65000 (the highest port is the base plus 453)"; exit 1
fi
TOLLGATE_PORT=$((PORT_BASE + 80))
UPSTREAM_PORT=$((PORT_BASE + 81))
NGINX_PROXY_PORT=$((PORT_BASE + 82))
PASS_PORT=$((PORT_BASE + 90))
PG_PORT=$((PORT_BASE + 432))
TOLLGATE_HTTPS_PORT=$((PORT_BASE + 443))
PASS_HTTPS_PORT=$((PORT_BASE + 453))
SERVER=tollgate-bench
PASS_SERVER=passthrough-bench
export WLP_USER_DIR="$OUT/wlp-usr"

if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
  SECONDS_PER_POINT=${BENCH_SECONDS:-3}; RATE_SECONDS=${BENCH_RATE_SECONDS:-3}; WARMUP=${BENCH_WARMUP:-2}
  AUDIT_ROWS=${BENCH_AUDIT_ROWS:-20000}; AUDIT_SECONDS=${BENCH_AUDIT_SECONDS:-20}; JMH_ARGS="-wi 1 -i 1 -w 1 -r 1"
else
  SECONDS_PER_POINT=${BENCH_SECONDS:-10}; RATE_SECONDS=${BENCH_RATE_SECONDS:-10}; WARMUP=${BENCH_WARMUP:-10}
  AUDIT_ROWS=${BENCH_AUDIT_ROWS:-10000000}; AUDIT_SECONDS=${BENCH_AUDIT_SECONDS:-1500}; JMH_ARGS=""
fi
# BENCH_FOCUS=ratios: only the c32 throughput of every row and the profile, to judge a change quickly.
FOCUS=${BENCH_FOCUS:-all}
RESULTS="$OUT/results.tsv"

say() { printf '\n== %s  [%s, load %s]\n' "$*" "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1 /proc/loadavg)"; }
result() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RESULTS"; printf '   %-16s %-24s %s\n' "$1" "$2" "$3"; }

# ---------------------------------------------------------------- what this needs
need() { # command, Debian package
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$1 is missing: installing Debian's package $2 (apt-get install -y $2)"
    if [[ -z "${APT_UPDATED:-}" ]]; then apt-get update -qq; APT_UPDATED=1; fi
    apt-get install -y -qq "$2" >/dev/null
  else
    echo "found $1: $(command -v "$1")"
  fi
}
say "Checking tools"
need nginx nginx
need wrk wrk
need curl curl
for tool in java jcmd jfr; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: a JDK 17 or newer is needed (apt-get install openjdk-17-jdk-headless)"; exit 1; }
done

# ---------------------------------------------------------------- clean up whatever this started
NGINX_CONF="$OUT/nginx/nginx.conf"
stop_tollgate() {
  if [[ -f "$WLP_USER_DIR/servers/$SERVER/server.xml" ]]; then
    target/liberty/wlp/bin/server stop "$SERVER" >/dev/null 2>&1 || true
  fi
}
stop_passthrough() {
  if [[ -f "$WLP_USER_DIR/servers/$PASS_SERVER/server.xml" ]]; then
    target/liberty/wlp/bin/server stop "$PASS_SERVER" >/dev/null 2>&1 || true
  fi
}
stop_postgres() {
  if [[ -n "${PG_PID:-}" ]]; then
    # Its shutdown hook stops PostgreSQL; waiting for it keeps the port and the data directory from outliving this.
    kill "$PG_PID" 2>/dev/null || true
    wait "$PG_PID" 2>/dev/null || true
    PG_PID=""
  fi
}
stop_all() {
  stop_tollgate
  stop_passthrough
  stop_postgres
  if [[ -f "$OUT/nginx/nginx.pid" ]]; then nginx -p "$OUT/nginx" -c "$NGINX_CONF" -s stop 2>/dev/null || true; fi
}
trap stop_all EXIT

# ---------------------------------------------------------------- build
say "Building Tollgate (./mvnw -DskipTests package liberty:create)"
./mvnw -q -B -DskipTests package liberty:create
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
bench_java() { java -Xmx512m -XX:+UseSerialGC -cp "$CP" "$@"; }

rm -rf "$OUT/derby" "$OUT/postgres" "$OUT/nginx" "$WLP_USER_DIR" "$RESULTS" "$OUT"/*.jfr "$OUT/passthrough"

say "Building the Liberty pass-through WAR (bench/passthrough: the benchmark's yardstick, never part of tollgate.war)"
# The same Open Liberty runtime and the same Apache HttpClient 5 as Tollgate, a servlet that only copies.
mkdir -p "$OUT/passthrough/war/WEB-INF/classes" "$OUT/passthrough/war/WEB-INF/lib"
javac -nowarn --release 17 -cp "$CP" -d "$OUT/passthrough/war/WEB-INF/classes" bench/passthrough/PassThroughServlet.java
tr ':' '\n' < "$OUT/classpath.txt" | grep -E '/(httpclient5|httpcore5|httpcore5-h2|slf4j-api)-[0-9][^/]*\.jar$' \
  | xargs -I{} cp {} "$OUT/passthrough/war/WEB-INF/lib/"
(cd "$OUT/passthrough/war" && jar cf ../passthrough.war .)
mkdir -p "$OUT/nginx/tmp" "$OUT/upstream" "$OUT/policies"
chmod 777 "$OUT/nginx/tmp"
cat > "$OUT/allocation.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="Tollgate benchmark: allocation and collections">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
  <event name="jdk.ThreadStart"><setting name="enabled">true</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.YoungGarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
EOF

say "Writing the upstream's files (2 KB, 200 KB, 2 MB, 200 MB user lists)"
bench_java io.tollgate.bench.UpstreamFiles "$OUT/upstream" "http://127.0.0.1:$UPSTREAM_PORT"
ls -l "$OUT/upstream"

# ---------------------------------------------------------------- nginx: upstream and reference proxy
cat > "$NGINX_CONF" <<EOF
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 10000000; keepalive_timeout 300s;
  client_body_temp_path $OUT/nginx/tmp/body; proxy_temp_path $OUT/nginx/tmp/proxy;
  fastcgi_temp_path $OUT/nginx/tmp/fastcgi; uwsgi_temp_path $OUT/nginx/tmp/uwsgi; scgi_temp_path $OUT/nginx/tmp/scgi;
  types { application/json json; }
  map \$arg_limit \$users_page { default /users-2k.json; 200 /users-200k.json; }

  # The upstream: Okta-shaped user list pages with Okta's Link and rate-limit headers.
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    root $OUT/upstream;
    location = /api/v1/users {
      default_type application/json;
      add_header Link '<http://127.0.0.1:$UPSTREAM_PORT/api/v1/users?limit=\$arg_limit>; rel="self"' always;
      add_header Link '<http://127.0.0.1:$UPSTREAM_PORT/api/v1/users?after=00u00000000000000099&limit=\$arg_limit>; rel="next"' always;
      add_header X-Rate-Limit-Limit 600 always;
      add_header X-Rate-Limit-Remaining 599 always;
      add_header X-Rate-Limit-Reset 1893456000 always;
      try_files \$users_page =404;
    }
    location /files/ { alias $OUT/upstream/; }
  }

  # The reference: nginx as a plain reverse proxy to the same upstream, with pooled connections.
  upstream bench_upstream { server 127.0.0.1:$UPSTREAM_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$NGINX_PROXY_PORT;
    location / {
      proxy_pass http://bench_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_max_temp_file_size 0;
    }
  }
}
EOF
say "Starting nginx (upstream :$UPSTREAM_PORT, reverse proxy :$NGINX_PROXY_PORT)"
nginx -p "$OUT/nginx" -c "$NGINX_CONF"

# ---------------------------------------------------------------- Tollgate server
cat > "$OUT/policies/files.yaml" <<'EOF'
version: 1
description: The benchmark's static upstream (response-size series).
rules:
  - name: bench-agent-reads-files
    when:
      identity: { groups: [agents-readonly] }
      request: { methods: [GET], paths: ["/files/**"] }
    decision: allow
    reason: The benchmark's read-only agent reads the static files.
EOF

# A request that must succeed before anything is measured: status 200, and the expected header.
check() { # url, header pattern
  local head
  head=$(curl -s -o /dev/null -D - -H "$AUTH" "$1")
  if ! grep -q '^HTTP/1.1 200' <<<"$head" || ! grep -qi "$2" <<<"$head"; then
    echo "Sanity check failed for $1 (expected 200 and /$2/):"; echo "$head"; exit 1
  fi
}

# args: recording (true|false), masking (on|off: off gives the okta connection the masking document
# "defaults: none"), database (derby|postgresql: the one start_postgres started). Ends with one request
# through each connection: the first one discovers the issuer's keys, which must not happen under load.
start_tollgate() {
  local dir="$WLP_USER_DIR/servers/$SERVER" masking_dir="$OUT/masking-$2"
  # A server left running on the port would be measured instead of this one, silently.
  if curl -s -o /dev/null "http://127.0.0.1:$TOLLGATE_PORT/"; then
    echo "Port $TOLLGATE_PORT already answers: stop whatever runs there first"; exit 1
  fi
  mkdir -p "$dir/apps" "$WLP_USER_DIR/shared/resources" "$masking_dir"
  if [[ "$2" == off ]]; then
    printf 'version: 1\ndescription: The benchmark without masking.\ndefaults: none\n' > "$masking_dir/okta.yaml"
  fi
  cp src/main/liberty/config/*.xml "$dir/"
  cp target/tollgate.war "$dir/apps/tollgate.war"
  cp -r target/liberty/wlp/usr/shared/resources/derby target/liberty/wlp/usr/shared/resources/postgresql \
    "$WLP_USER_DIR/shared/resources/"
  cat > "$dir/bootstrap.properties" <<EOF
http.port=$TOLLGATE_PORT
https.port=$TOLLGATE_HTTPS_PORT
keystore_password=$(cat target/dev-keystore-password)
tollgate.database=$3
tollgate.derby.database=$OUT/derby/tollgate
tollgate.sandbox.enabled=true
tollgate.identity.issuers=http://localhost:$TOLLGATE_PORT/sandbox/okta/oauth2/default
tollgate.connections=okta,files
tollgate.connection.okta.url=http://127.0.0.1:$UPSTREAM_PORT
tollgate.connection.okta.api-token=bench-upstream-token
tollgate.connection.files.url=http://127.0.0.1:$UPSTREAM_PORT
tollgate.connection.files.kind=http
tollgate.connection.files.api-token=bench-upstream-token
tollgate.policy.directory=$OUT/policies
tollgate.recording.enabled=$1
tollgate.masking.directory=$masking_dir
EOF
  if [[ "$3" == postgresql ]]; then
    printf 'tollgate.postgresql.url=%s\ntollgate.postgresql.user=tollgate\ntollgate.postgresql.password=%s\n' \
      "$PG_URL" "$PG_PASSWORD" >> "$dir/bootstrap.properties"
  fi
  cat > "$dir/jvm.options" <<EOF
-Xms512m
-Xmx1g
-XX:FlightRecorderOptions=stackdepth=256
EOF
  target/liberty/wlp/bin/server start "$SERVER" >/dev/null
  TOLLGATE_PID=$(cat "$WLP_USER_DIR/servers/.pid/$SERVER.pid")
  MEASURED_PID=$TOLLGATE_PID
  local tries=0
  # Up to 5 minutes: a first start (migrations) on a machine shared with other runs can take several.
  until curl -sf -o /dev/null "http://127.0.0.1:$TOLLGATE_PORT/sandbox/okta/oauth2/default/.well-known/openid-configuration"; do
    tries=$((tries + 1))
    if (( tries > 600 )); then echo "Tollgate did not start; see $dir/logs/messages.log"; exit 1; fi
    sleep 0.5
  done
  TOKEN=$(curl -sf -u agent-reader:agent-reader-secret -d grant_type=client_credentials \
    "http://127.0.0.1:$TOLLGATE_PORT/sandbox/okta/oauth2/default/v1/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  AUTH="Authorization: Bearer $TOKEN"
  check "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta/api/v1/users?limit=10" "^Link: <http://127.0.0.1:$TOLLGATE_PORT/proxy/okta/api/v1/users"
  check "http://127.0.0.1:$TOLLGATE_PORT/proxy/files/files/users-2k.json" "^Content-Type: application/json"
  echo "Tollgate is up (pid $TOLLGATE_PID, recording $1, masking $2, $3); agent-reader holds a sandbox token"
}

# The yardstick: the same Liberty runtime with servlet-6.0 only and the pass-through WAR, the same heap.
start_passthrough() {
  local dir="$WLP_USER_DIR/servers/$PASS_SERVER"
  if curl -s -o /dev/null "http://127.0.0.1:$PASS_PORT/"; then
    echo "Port $PASS_PORT already answers: stop whatever runs there first"; exit 1
  fi
  mkdir -p "$dir/apps"
  cp "$OUT/passthrough/passthrough.war" "$dir/apps/"
  cat > "$dir/server.xml" <<EOF
<server description="Benchmark yardstick: a bare pass-through servlet">
  <featureManager><feature>servlet-6.0</feature></featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$PASS_PORT" httpsPort="$PASS_HTTPS_PORT">
    <httpOptions maxKeepAliveRequests="-1"/>
  </httpEndpoint>
  <webApplication location="passthrough.war" contextRoot="/"/>
</server>
EOF
  printf -- '-Xms512m\n-Xmx1g\n-Dpassthrough.upstream=http://127.0.0.1:%s\n' "$UPSTREAM_PORT" > "$dir/jvm.options"
  target/liberty/wlp/bin/server start "$PASS_SERVER" >/dev/null
  local tries=0
  until curl -sf -o /dev/null "http://127.0.0.1:$PASS_PORT/pass/api/v1/users?limit=10"; do
    tries=$((tries + 1))
    if (( tries > 240 )); then echo "The pass-through did not start; see $dir/logs/messages.log"; exit 1; fi
    sleep 0.5
  done
  MEASURED_PID=$(cat "$WLP_USER_DIR/servers/.pid/$PASS_SERVER.pid")
  echo "Liberty pass-through is up"
}

# A real PostgreSQL, as the multi-server tests start it; sets PG_URL and PG_PASSWORD for start_tollgate.
start_postgres() {
  rm -rf "$OUT/postgres"
  PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  BENCH_POSTGRES_PASSWORD="$PG_PASSWORD" java -Xmx256m -cp "$CP" io.tollgate.bench.BenchPostgres "$OUT/postgres" "$PG_PORT" \
    > "$OUT/postgres.log" 2>&1 &
  PG_PID=$!
  local tries=0
  until grep -qs '^url=' "$OUT/postgres.log"; do
    tries=$((tries + 1))
    if ! kill -0 "$PG_PID" 2>/dev/null || (( tries > 240 )); then echo "PostgreSQL did not start; see $OUT/postgres.log"; exit 1; fi
    sleep 0.5
  done
  PG_URL=$(sed -n 's/^url=//p' "$OUT/postgres.log")
  echo "PostgreSQL is up (pid $PG_PID, $PG_URL)"
}

# ---------------------------------------------------------------- measurements
# wrk: prints requests/s; non-2xx answers make the run fail (a benchmark of errors is worthless).
# CPU time a process has used (user and system, in clock ticks) but for its JIT compiler threads: on two
# busy cores C2 goes on compiling a large application for minutes, which is warm-up, not what a request costs.
# (A thread's name may hold spaces, "C2 CompilerThread0": its stat's fields are counted after the name's ")".)
stat_ticks() { sed 's/.*) //' "$1" 2>/dev/null | awk '{print $12 + $13}'; }
cpu_ticks() {
  local total jit
  total=$(stat_ticks "/proc/$1/stat")
  jit=$(for task in /proc/"$1"/task/*; do
          if grep -qs 'Compiler' "$task/comm"; then stat_ticks "$task/stat"; fi
        done | awk '{s += $1} END {print s + 0}')
  echo $((total - jit))
}
# The server's CPU time per request over a wrk run, in microseconds: a figure that other load on the
# machine moves far less than throughput (collector and all other threads included, JIT compilers not).
cpu_per_request() { # ticks before, ticks after, wrk log
  awk -v a="$1" -v b="$2" -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.0f", (b - a) / hz * 1e6 / $1}' "$3"
}

# MEASURED_PID: the server whose CPU time per request c32 runs also record (unset for direct and nginx).
wrk_run() { # scenario, metric, connections, seconds, url
  local log="$OUT/wrk-$1-$2.txt" before=""
  if [[ -n "${MEASURED_PID:-}" ]]; then before=$(cpu_ticks "$MEASURED_PID"); fi
  wrk -t2 -c"$3" -d"$4"s --timeout 30s -H "$AUTH" "$5" > "$log"
  if grep -q 'Non-2xx' "$log" || grep -q 'Socket errors' "$log"; then
    echo "wrk saw errors for $5:"; cat "$log"; exit 1
  fi
  if [[ -n "$before" ]]; then
    result "$1" "${2/rps/cpu_us_per_request}" "$(cpu_per_request "$before" "$(cpu_ticks "$MEASURED_PID")" "$log")"
  fi
  local rps mbs
  rps=$(awk '/^Requests\/sec/ {print $2}' "$log")
  mbs=$(awk '/^Transfer\/sec/ {v=$2; u=substr(v, length(v)-1); n=v+0;
        if (u=="GB") n*=1024; else if (u=="KB") n/=1024; else if (u !~ /MB/) n/=1048576; printf "%.1f", n}' "$log")
  result "$1" "$2" "$rps"
  result "$1" "${2/rps/mbs}" "$mbs"
}

field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; } # a line of key=value pairs, key

# The 500 req/s run of this scenario also records allocation and collections with JFR: only events too
# cheap to move its latency (per-thread totals at the start and the end, one per collection).
ALLOCATION_SCENARIO=tollgate
fixed_rate() { # scenario, rate, url
  local line recording="" allocation
  if [[ "$1" == "$ALLOCATION_SCENARIO" && "$2" == 500 ]]; then
    recording="$OUT/allocation-$1-$2.jfr"
    jcmd "$TOLLGATE_PID" JFR.start name=allocation settings="$OUT/allocation.jfc" >/dev/null
  fi
  line=$(bench_java io.tollgate.bench.FixedRateLoad "$3" "$2" "$RATE_SECONDS" 2 32 "$AUTH")
  if [[ -n "$recording" ]]; then
    jcmd "$TOLLGATE_PID" JFR.stop name=allocation filename="$recording" >/dev/null
  fi
  echo "$line" > "$OUT/rate-$1-$2.txt"
  for key in p50_ms p99_ms p999_ms achieved_rps unsent failed; do
    result "$1" "rate$2_$key" "$(field "$line" "$key")"
  done
  if [[ -n "$recording" ]]; then
    # Per request sent while recording, warm-up included: the recording spans the whole run.
    allocation=$(bench_java io.tollgate.bench.AllocationAndPauses "$recording" "$(field "$line" sent)")
    echo "$allocation" > "$OUT/allocation-$1-$2.txt"
    for key in bytes_per_request request_threads_bytes_per_request writer_threads_bytes_per_request \
        other_threads_bytes_per_request young_collections young_pause_max_ms young_pauses_over_5ms; do
      result "$1" "rate$2_$key" "$(field "$allocation" "$key")"
    done
  fi
}

memory() { # scenario, label
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$TOLLGATE_PID/status")
  jcmd "$TOLLGATE_PID" GC.run >/dev/null
  heap=$(jcmd "$TOLLGATE_PID" GC.heap_info | awk '/used/ && /total/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024; exit}}')
  result "$1" "${2}rss_mb" "$rss"
  result "$1" "${2}heap_after_gc_mb" "$heap"
}

# The whole series for one target: throughput, latency at fixed rates, the 200 KB page.
measure() { # scenario, base url (the user list is at base/api/v1/users)
  local users="$2/api/v1/users?limit=10" big="$2/api/v1/users?limit=200"
  say "$1: warm-up ${WARMUP}s, then throughput at c32 and c128 (${SECONDS_PER_POINT}s each)"
  wrk -t2 -c32 -d"$WARMUP"s -H "$AUTH" "$users" >/dev/null
  wrk_run "$1" c32_rps 32 "$SECONDS_PER_POINT" "$users"
  if [[ "$FOCUS" == ratios ]]; then return; fi
  wrk_run "$1" c128_rps 128 "$SECONDS_PER_POINT" "$users"
  say "$1: latency at fixed arrival rates 500 and 2000 req/s (${RATE_SECONDS}s each)"
  fixed_rate "$1" 500 "$users"
  fixed_rate "$1" 2000 "$users"
  say "$1: the 200 KB page at c32"
  wrk_run "$1" page200k_c32_rps 32 "$SECONDS_PER_POINT" "$big"
}

sizes() { # scenario, base url of the files (file names are appended)
  if [[ "$FOCUS" == ratios ]]; then return; fi
  say "$1: response sizes 2 KB, 2 MB, 200 MB (4 connections, ${SECONDS_PER_POINT}s each)"
  for size in 2k 2m 200m; do
    wrk_run "$1" "size${size}_rps" 4 "$SECONDS_PER_POINT" "$2/users-$size.json"
    if [[ -n "${3:-}" ]]; then memory "$1" "size${size}_"; fi
  done
}

AUTH="Authorization: Bearer none"   # direct and nginx ignore it; Tollgate's token comes at its start
printf 'scenario\tmetric\tvalue\n' > "$RESULTS"
result machine load_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"
result machine seconds_per_point "$SECONDS_PER_POINT"

measure direct "http://127.0.0.1:$UPSTREAM_PORT"
sizes direct "http://127.0.0.1:$UPSTREAM_PORT/files"
measure nginx "http://127.0.0.1:$NGINX_PROXY_PORT"
sizes nginx "http://127.0.0.1:$NGINX_PROXY_PORT/files"

say "Liberty pass-through (servlet-6.0 only, a servlet that forwards with a pooled Apache HttpClient 5)"
start_passthrough
measure passthrough "http://127.0.0.1:$PASS_PORT/pass"
sizes passthrough "http://127.0.0.1:$PASS_PORT/pass/files"
stop_passthrough

say "Tollgate with everything on (JWT verification, policy, masking, durable recording)"
start_tollgate true on derby
measure tollgate "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta"
memory tollgate ""
sizes tollgate "http://127.0.0.1:$TOLLGATE_PORT/proxy/files/files" memory

say "tollgate: JFR profile of ${SECONDS_PER_POINT}s at c32 (the hot path)"
jcmd "$TOLLGATE_PID" JFR.start name=bench settings=profile jdk.FileWrite#threshold=0ms >/dev/null
profile_start=$(cpu_ticks "$TOLLGATE_PID")
wrk -t2 -c32 -d"$SECONDS_PER_POINT"s -H "$AUTH" "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta/api/v1/users?limit=10" > "$OUT/wrk-jfr.txt"
profile_cpu=$(cpu_per_request "$profile_start" "$(cpu_ticks "$TOLLGATE_PID")" "$OUT/wrk-jfr.txt")
jcmd "$TOLLGATE_PID" JFR.stop name=bench filename="$OUT/tollgate.jfr" >/dev/null
profile_bytes=$(bench_java io.tollgate.bench.AllocationAndPauses "$OUT/tollgate.jfr" "$(awk '/requests in/ {print $1}' "$OUT/wrk-jfr.txt")" \
  | tr ' ' '\n' | sed -n 's/^bytes_per_request=//p')
result tollgate profile_cpu_us_per_request "$profile_cpu"
result tollgate profile_bytes_per_request "$profile_bytes"
bench_java io.tollgate.bench.ProfileCosts "$OUT/tollgate.jfr" "$profile_cpu" "$profile_bytes" > "$OUT/profile-costs.md"
stop_tollgate

say "Tollgate with recording off (tollgate.recording.enabled=false)"
start_tollgate false on derby
measure tollgate-norec "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta"
memory tollgate-norec ""
stop_tollgate

say "Tollgate on PostgreSQL with everything on (embedded PostgreSQL on :$PG_PORT, XA, synchronous commits)"
start_postgres
start_tollgate true on postgresql
measure tollgate-pg "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta"
memory tollgate-pg ""
stop_tollgate
stop_postgres

if [[ "$FOCUS" != ratios ]]; then
  say "Tollgate with masking off (the okta connection's masking document says defaults: none)"
  start_tollgate true off derby
  measure tollgate-nomask "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta"
  memory tollgate-nomask ""
  stop_tollgate

  say "Audit table: adding $AUDIT_ROWS recorded exchanges, or as many as fit in ${AUDIT_SECONDS}s (server stopped)"
  # The filler's own commits skip fsync (it shuts Derby down cleanly); the server keeps full durability.
  fill=$(bench_java -Dderby.stream.error.file="$OUT/derby-filler.log" \
    io.tollgate.bench.AuditFiller "$OUT/derby/tollgate" "$AUDIT_ROWS" "$AUDIT_SECONDS")
  echo "$fill"
  result audit rows "$(sed -n 's/.*total_rows=\([0-9]*\).*/\1/p' <<<"$fill")"
  result audit fill_seconds "$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$fill")"
  start_tollgate true on derby
  wrk -t2 -c32 -d"$WARMUP"s -H "$AUTH" "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta/api/v1/users?limit=10" >/dev/null
  wrk_run tollgate-audit c32_rps 32 "$SECONDS_PER_POINT" "http://127.0.0.1:$TOLLGATE_PORT/proxy/okta/api/v1/users?limit=10"
  memory tollgate-audit ""
  stop_tollgate

  if [[ "${BENCH_SKIP_JMH:-0}" != 1 ]]; then
    say "Policy decision time, JMH (10 / 1,000 / 10,000 rules)"
    # shellcheck disable=SC2086
    bench_java org.openjdk.jmh.Main PolicyDecisionBenchmark -rf csv -rff "$OUT/jmh.csv" $JMH_ARGS | tail -n 12
    awk -F, 'NR > 1 {gsub(/["\r]/, ""); printf "%s\t%s\t%.1f\n", "policy-" $9, "rules" $8 "_ns", $5}' "$OUT/jmh.csv" >> "$RESULTS"
  fi
fi

say "Profile summary and report"
bench/report.sh "$OUT" > "$OUT/report.md"
if [[ "${BENCH_WRITE_DOCS:-1}" == 1 ]]; then
  bench/report.sh --into docs/benchmarks.md "$OUT/report.md"
  echo "Written: $OUT/report.md and docs/benchmarks.md"
else
  echo "Written: $OUT/report.md"
fi
