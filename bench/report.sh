#!/usr/bin/env bash
# Turns a benchmark run (target/bench: results.tsv, tollgate.jfr) into Markdown, or puts a report
# into a document between the lines <!-- bench:begin --> and <!-- bench:end -->.
#   bench/report.sh OUT_DIR                 > report.md
#   bench/report.sh --into DOCUMENT REPORT
set -euo pipefail

if [[ "${1:-}" == "--into" ]]; then
  doc="$2"; report="$3"
  if [[ -f "$doc" ]] && grep -q '^<!-- bench:begin -->$' "$doc" && grep -q '^<!-- bench:end -->$' "$doc"; then
    awk -v report="$report" '
      /^<!-- bench:begin -->$/ { print; while ((getline line < report) > 0) print line; skipping = 1; next }
      /^<!-- bench:end -->$/   { skipping = 0 }
      !skipping { print }' "$doc" > "$doc.new"
    mv "$doc.new" "$doc"
  else
    { echo "# Benchmarks"; echo; echo "<!-- bench:begin -->"; cat "$report"; echo "<!-- bench:end -->"; } > "$doc"
  fi
  exit 0
fi

OUT="$1"
RESULTS="$OUT/results.tsv"
v() { awk -F'\t' -v s="$1" -v m="$2" '$1 == s && $2 == m {print $3; found = 1} END {if (!found) print "n/a"}' "$RESULTS"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a"}'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN {if (a != "n/a" && b != "n/a") printf "%.3f", a - b; else print "n/a"}'; }
int() { awk -v a="$1" 'BEGIN {if (a == "n/a") print a; else printf "%.0f", a}'; }

cat <<EOF
## Run of $(date -u +"%Y-%m-%d %H:%M UTC")

**Machine:** $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),
$(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(java -version 2>&1 | head -1), $(nginx -v 2>&1 | sed 's/.*: //'),
$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2). Load average (1, 5, 15 min) at the start: $(v machine load_at_start);
at the end: $(cut -d' ' -f1-3 /proc/loadavg). Load generators, nginx and Tollgate share the same 2 cores.

**Command:** \`./bench/run.sh\` (points of $(v machine seconds_per_point) s after a warm-up; see the script's header for settings).
Tollgate: Open Liberty, \`-Xms512m -Xmx1g\`, embedded Derby, sandbox on only to mint the agent's token; the PostgreSQL
row uses an embedded PostgreSQL on the same machine (\`io.tollgate.bench.BenchPostgres\`, synchronous commits) through
Tollgate's XA data source. Liberty pass-through: the same runtime and heap with \`servlet-6.0\` only and a servlet
(\`bench/passthrough\`) that forwards with the same pooled Apache HttpClient 5 and copies headers and body: what Liberty
and the client cost before Tollgate does anything.
Throughput: \`wrk -t2 -c32|-c128 -H "Authorization: Bearer <agent token>"\` on \`GET /api/v1/users?limit=10\`
(a 2 KB Okta user page with \`Link\` headers). Latency: \`io.tollgate.bench.FixedRateLoad\` at a fixed
arrival rate, 32 connections, measured from each request's intended send time (coordinated omission
accounted for), 2 s warm-up. Memory: RSS from \`/proc\`, heap after \`jcmd GC.run\` (\`GC.heap_info\`).

### Throughput and latency

| target | c32 req/s | c128 req/s | 200 KB page c32 req/s | p50 / p99 / p99.9 ms at 500/s (achieved) | p50 / p99 / p99.9 ms at 2000/s (achieved) | RSS MB | heap after GC MB |
|---|---|---|---|---|---|---|---|
EOF
label() {
  case $1 in
    direct) echo "direct to upstream";; nginx) echo "nginx reverse proxy";; passthrough) echo "Liberty pass-through";;
    tollgate) echo "Tollgate, everything on";; tollgate-norec) echo "Tollgate, recording off";;
    tollgate-nomask) echo "Tollgate, masking off";; tollgate-pg) echo "Tollgate on PostgreSQL, everything on";;
  esac
}
for s in direct nginx passthrough tollgate tollgate-norec tollgate-nomask tollgate-pg; do
  printf '| %s | %s | %s | %s | %s / %s / %s (%s/s) | %s / %s / %s (%s/s) | %s | %s |\n' "$(label $s)" \
    "$(int "$(v $s c32_rps)")" "$(int "$(v $s c128_rps)")" "$(int "$(v $s page200k_c32_rps)")" \
    "$(v $s rate500_p50_ms)" "$(v $s rate500_p99_ms)" "$(v $s rate500_p999_ms)" "$(int "$(v $s rate500_achieved_rps)")" \
    "$(v $s rate2000_p50_ms)" "$(v $s rate2000_p99_ms)" "$(v $s rate2000_p999_ms)" "$(int "$(v $s rate2000_achieved_rps)")" \
    "$(v $s rss_mb)" "$(v $s heap_after_gc_mb)"
done

cat <<EOF

A target that cannot sustain a fixed rate shows an achieved rate below it; its percentiles include
the requests it left unsent, at the time they had waited when the run stopped (a lower bound).

### Ratios (same run)

The server's CPU time per request (from \`/proc\`, user and system, collector threads included, JIT compiler
threads not, over the c32 run) moves much less with other load on the machine than throughput does; the pass-through's is what
Open Liberty and Apache HttpClient need to forward a request.

| target | c32 vs nginx | c32 vs pass-through | c128 vs nginx | c128 vs pass-through | p99 added over nginx at 500 req/s, ms | server CPU per request at c32, us | CPU per request vs pass-through |
|---|---|---|---|---|---|---|---|
EOF
for s in passthrough tollgate tollgate-norec tollgate-nomask tollgate-pg; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(label $s)" \
    "$(ratio "$(v $s c32_rps)" "$(v nginx c32_rps)")" "$(ratio "$(v $s c32_rps)" "$(v passthrough c32_rps)")" \
    "$(ratio "$(v $s c128_rps)" "$(v nginx c128_rps)")" "$(ratio "$(v $s c128_rps)" "$(v passthrough c128_rps)")" \
    "$(minus "$(v $s rate500_p99_ms)" "$(v nginx rate500_p99_ms)")" "$(v $s c32_cpu_us_per_request)" \
    "$(ratio "$(v $s c32_cpu_us_per_request)" "$(v passthrough c32_cpu_us_per_request)")"
done

kb() { awk -v a="$1" 'BEGIN {if (a == "n/a") print a; else printf "%.1f", a / 1024}'; }
share() { awk -v a="$1" -v b="$2" 'BEGIN {if (a != "n/a" && b + 0 > 0) printf "%.0f%%", 100 * a / b; else print "n/a"}'; }
all=$(v tollgate rate500_bytes_per_request)
requests=$(v tollgate rate500_request_threads_bytes_per_request)
writers=$(v tollgate rate500_writer_threads_bytes_per_request)
others=$(v tollgate rate500_other_threads_bytes_per_request)
cat <<EOF

### Allocation and young collections (JFR during the 500 req/s run of Tollgate, everything on, Derby)

Bytes allocated per request sent while recording: each thread's \`jdk.ThreadAllocationStatistics\` total at
the end less its total at the start, summed (\`io.tollgate.bench.AllocationAndPauses\`).

| threads | KB per request | share |
|---|---|---|
| all | $(kb "$all") | 100% |
| request threads (\`Default Executor-thread-*\`) | $(kb "$requests") | $(share "$requests" "$all") |
| the journal's writers (\`tollgate-exchange-*\`) | $(kb "$writers") | $(share "$writers" "$all") |
| the rest (Liberty's and the JVM's own threads) | $(kb "$others") | $(share "$others" "$all") |

Young collections while recording: $(v tollgate rate500_young_collections), the longest pause
$(v tollgate rate500_young_pause_max_ms) ms, $(v tollgate rate500_young_pauses_over_5ms) over 5 ms.

### Targets of issue 16 (from this run; c32, the 2 KB page)

| target | measured | met |
|---|---|---|
EOF
yes() { awk -v x="$1" -v limit="$2" -v dir="$3" 'BEGIN {if (x == "n/a") print "n/a"; else if ((dir == "min" && x + 0 >= limit) || (dir == "max" && x + 0 <= limit)) print "yes"; else print "**no**"}'; }
for s in tollgate tollgate-pg tollgate-norec; do
  case $s in tollgate-norec) limit=0.8;; *) limit=0.5;; esac
  x=$(ratio "$(v $s c32_rps)" "$(v passthrough c32_rps)")
  printf '| %s: c32 >= %sx the pass-through | %sx (%sx nginx) | %s |\n' "$(label $s)" "$limit" "$x" \
    "$(ratio "$(v $s c32_rps)" "$(v nginx c32_rps)")" "$(yes "$x" "$limit" min)"
done
added=$(minus "$(v tollgate rate500_p99_ms)" "$(v nginx rate500_p99_ms)")
printf '| p99 added over nginx at 500 req/s <= 2 ms | %s ms | %s |\n' "$added" "$(yes "$added" 2 max)"
achieved=$(v tollgate rate2000_achieved_rps)
unsent=$(v tollgate rate2000_unsent)
printf '| at 2,000 req/s the achieved rate is the intended rate (99%% or more, none left unsent) | %s/s, %s unsent | %s |\n' \
  "$(int "$achieved")" "$unsent" \
  "$(awk -v a="$achieved" -v u="$unsent" 'BEGIN {if (a == "n/a" || u == "n/a") print "n/a"; else if (a + 0 >= 1980 && u + 0 == 0) print "yes"; else print "**no**"}')"
target_threads=$(awk -v a="$requests" -v b="$writers" 'BEGIN {if (a == "n/a" || b == "n/a") print "n/a"; else print a + b}')
printf '| allocation per request, request and writer threads together <= 30 KB | %s KB (all threads: %s KB) | %s |\n' \
  "$(kb "$target_threads")" "$(kb "$all")" "$(yes "$(kb "$target_threads")" 30 max)"
printf '| no young collection pause over 5 ms at 500 req/s | %s over 5 ms of %s; the longest %s ms | %s |\n' \
  "$(v tollgate rate500_young_pauses_over_5ms)" "$(v tollgate rate500_young_collections)" \
  "$(v tollgate rate500_young_pause_max_ms)" "$(yes "$(v tollgate rate500_young_pauses_over_5ms)" 0 max)"
rows=$(v audit rows)
audit=$(ratio "$(v tollgate-audit c32_rps)" "$(v tollgate c32_rps)")
printf '| with 10 million exchanges in the tables, c32 >= 0.9x the empty database | %sx with %s exchanges in the tables | %s |\n' \
  "$audit" "$rows" "$(if [[ "$rows" != n/a ]] && (( rows < 10000000 )); then echo "n/a (fewer than 10 million)"; else yes "$audit" 0.9 min; fi)"
policy=$(awk -v a="$(v policy-spread rules10000_ns)" -v b="$(v policy-shared-group rules10000_ns)" -v c="$(v policy-same-operation rules10000_ns)" \
  'BEGIN {m = a + 0; if (b + 0 > m) m = b + 0; if (c + 0 > m) m = c + 0; if (a == "n/a") print a; else printf "%.1f", m}')
printf '| policy decision at 10,000 rules <= 10 us (issue 9) | %s ns (the slowest of the three shapes) | %s |\n' "$policy" "$(yes "$policy" 10000 max)"
printf '| memory independent of response size (issue 9) | RSS %s / %s / %s MB, heap after GC %s / %s / %s MB after 2 KB / 2 MB / 200 MB | see figures |\n' \
  "$(v tollgate size2k_rss_mb)" "$(v tollgate size2m_rss_mb)" "$(v tollgate size200m_rss_mb)" \
  "$(v tollgate size2k_heap_after_gc_mb)" "$(v tollgate size2m_heap_after_gc_mb)" "$(v tollgate size200m_heap_after_gc_mb)"
cat <<EOF

### Response size (4 connections; MB/s of response bodies and headers)

| size | direct MB/s | nginx MB/s | pass-through MB/s | Tollgate MB/s | Tollgate req/s | Tollgate RSS MB after | heap after GC MB |
|---|---|---|---|---|---|---|---|
EOF
for size in 2k 2m 200m; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(tr 'km' 'KM' <<<"$size")B" \
    "$(v direct "size${size}_mbs")" "$(v nginx "size${size}_mbs")" "$(v passthrough "size${size}_mbs")" "$(v tollgate "size${size}_mbs")" \
    "$(v tollgate "size${size}_rps")" "$(v tollgate "size${size}_rss_mb")" "$(v tollgate "size${size}_heap_after_gc_mb")"
done

cat <<EOF

### Audit table size

| exchanges in the table | Tollgate c32 req/s | RSS MB | heap after GC MB |
|---|---|---|---|
| ~0 (fresh database; the first point of the run) | $(int "$(v tollgate c32_rps)") | | |
| $(v audit rows) (added in $(v audit fill_seconds) s by \`AuditFiller\`) | $(int "$(v tollgate-audit c32_rps)") | $(v tollgate-audit rss_mb) | $(v tollgate-audit heap_after_gc_mb) |

### Policy decision time (JMH, \`PolicyDecisionBenchmark\`, average ns per decision)

| rules | spread (a group per rule) | shared-group (every rule for the agent's group) | same-operation (every rule about the request's operation) |
|---|---|---|---|
EOF
for n in 10 1000 10000; do
  printf '| %s | %s | %s | %s |\n' "$n" "$(v policy-spread "rules${n}_ns")" "$(v policy-shared-group "rules${n}_ns")" "$(v policy-same-operation "rules${n}_ns")"
done

if [[ -f "$OUT/profile-costs.md" ]]; then
  cat <<EOF

### What a request costs, by component (JFR profile of Tollgate everything on, Derby, c32)

The server's CPU time per request over the profiled run ($(v tollgate profile_cpu_us_per_request) us) shared out by the
components' shares of the execution samples, and the bytes allocated per request over all threads
($(kb "$(v tollgate profile_bytes_per_request)") KB, \`jdk.ThreadAllocationStatistics\`) by their shares of the allocation
samples; a sample counts for the innermost frame of a known component (\`io.tollgate.bench.ProfileCosts\`).

EOF
  cat "$OUT/profile-costs.md"
fi

if [[ -f "$OUT/tollgate.jfr" ]]; then
  jfr print --events jdk.ExecutionSample --stack-depth 256 "$OUT/tollgate.jfr" > "$OUT/samples.txt"
  cat <<EOF

### Where the time goes (JFR, \`jdk.ExecutionSample\`, Tollgate everything on, c32)

Each sample is counted once for the innermost frame that belongs to a known component ("self"), and
for every component on its stack ("total"; a request's frames nest, so totals overlap):

| component | self | total |
|---|---|---|
EOF
  awk '
    function component(f) {
      if (f ~ /^io\.tollgate\.audit/) return "Tollgate recording (io.tollgate.audit)"
      if (f ~ /^io\.tollgate\.policy/) return "Tollgate policy (io.tollgate.policy)"
      if (f ~ /^io\.tollgate\.identity/) return "Tollgate JWT verification (io.tollgate.identity)"
      if (f ~ /^io\.tollgate\.proxy\.JsonLinkRewriter/) return "Tollgate link rewriting of JSON bodies"
      if (f ~ /^io\.tollgate\./) return "Tollgate proxy, other (io.tollgate.proxy)"
      if (f ~ /^org\.apache\.derby/) return "Derby (database)"
      if (f ~ /^org\.eclipse\.persistence/) return "EclipseLink (JPA)"
      if (f ~ /^com\.ibm\.tx|^com\.ibm\.ws\.tx|^com\.ibm\.ws\.Transaction|^com\.ibm\.ws\.rsadapter|^com\.ibm\.ejs\.j2c/) return "Liberty transactions and connection pool"
      if (f ~ /^com\.nimbusds/) return "nimbus-jose-jwt"
      if (f ~ /^sun\.security|^java\.security|^javax\.crypto|^com\.sun\.crypto|^java\.math/) return "JDK crypto and BigInteger"
      if (f ~ /^org\.apache\.hc/) return "Apache HttpClient (upstream)"
      if (f ~ /^com\.fasterxml\.jackson/) return "Jackson (JSON streaming)"
      if (f ~ /^org\.jboss\.weld|^com\.ibm\.ws\.cdi/) return "CDI (Weld, interceptors)"
      if (f ~ /^com\.ibm\.websphere\.ras|^com\.ibm\.ws\.logging/) return "Liberty trace checks"
      if (f ~ /^com\.ibm\.|^io\.openliberty/) return "Liberty HTTP, servlet and runtime"
      if (f ~ /^sun\.nio|^java\.nio|^java\.net|^sun\.net/) return "JDK network I/O"
      return ""
    }
    /jdk.ExecutionSample/ { n++; delete seen; own = ""; next }
    /^[ \t]+[a-zA-Z].*line:/ {
      c = component($1)
      if (c == "") next
      if (own == "") { own = c; self[c]++ }
      if (!(c in seen)) { seen[c] = 1; total[c]++ }
    }
    END { for (c in total) printf "| %s | %.0f%% | %.0f%% |\n", c, 100 * self[c] / n, 100 * total[c] / n | "sort -t\"|\" -k3 -nr"; }' "$OUT/samples.txt"
  cat <<EOF

Top 20 frames on top of the stack (self time):

| samples | frame |
|---|---|
EOF
  # The last awk reads to the end instead of head -20: sort killed by SIGPIPE would end the report (pipefail).
  awk '
    /stackTrace = \[/ { top = 1; next }
    top && /line:/ { f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); count[f]++; top = 0 }
    END { for (f in count) printf "%d\t%s\n", count[f], f }' "$OUT/samples.txt" \
    | sort -nr | awk -F'\t' 'NR <= 20 {printf "| %s | `%s` |\n", $1, $2}'
  echo
  echo "CPU samples in total: $(grep -c 'jdk.ExecutionSample' "$OUT/samples.txt") (JFR samples running Java code only; waiting shows below)."
  echo
  jfr print --events jdk.FileWrite --stack-depth 1 "$OUT/tollgate.jfr" | awk -v seconds="$(v machine seconds_per_point)" '
    /duration =/ { d = $3; u = $4; ms = (u == "ms") ? d : (u == "s") ? d * 1000 : (u == "us") ? d / 1000 : d / 1000000 }
    /path =/ && /log[0-9]*\.dat/ { n++; total += ms }
    END { if (n) printf "Synchronous writes to Derby'"'"'s transaction log in the profiled %s s: %d, %.2f ms each on average, %.1f s in all (the log is written by one thread at a time; each commit waits for its write).\n", seconds, n, total / n, total / 1000 }'

fi
