#!/usr/bin/env bash
# End-to-end relay benchmark: Lyrebird.Media vs a minimal C relay, same load, same run.
#
# usage: [RECORD=1] [PRIO="nice -n -10"] bench/relay/run.sh [calls=500] [seconds=20] [repetitions=1]
#
# Builds the generator/sink (rtpgen.c), the C reference relay (refrelay.c) and the Lyrebird relay host (RelayHost),
# then for each repetition runs the C relay and Lyrebird one after the other (interleaved), each pinned to CPU1 with
# the generator pinned to CPU0. Each call is two RTP streams (A->B and B->A) of 50 packets/s, 172 bytes.
# Loopback only; bounded in time (about 2 x repetitions x (seconds + 3) s plus the build).
set -euo pipefail

CALLS=${1:-500}
SECS=${2:-20}
REPS=${3:-1}
PPS=50
WARMUP=3
WINDOW=$((SECS - WARMUP - 2))
if (( WINDOW < 2 )); then echo "seconds must be at least 7" >&2; exit 2; fi
RELAY_BASE=${RELAY_BASE:-22000}  # relay ports: base .. base + 4 x calls (above the default media range, below 32768)
PHONE_BASE=$((RELAY_BASE + 4 * CALLS + 200))
if (( PHONE_BASE + 4 * CALLS > 32767 )); then echo "too many calls for the port plan" >&2; exit 2; fi

# On a shared machine, PRIO="nice -n -10" (root) shields relay and generator from other processes' CPU use; it changes
# no accounting (CPU per packet is the process's own), only how often they are preempted.
read -r -a PRIO_CMD <<<"${PRIO:-}"

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/out}
mkdir -p "$OUT"

# 500 calls: 2000 relay sockets (Lyrebird: RTP + RTCP per leg) + 1000 generator sockets.
HARD=$(ulimit -Hn)
WANT=$(( 4 * CALLS + 2 * CALLS + 512 ))
if [[ "$HARD" != unlimited ]] && (( WANT > HARD )); then WANT=$HARD; fi
ulimit -n "$WANT"

echo "building..." >&2
gcc -O2 -Wall -o "$OUT/rtpgen" "$HERE/rtpgen.c" -lpthread
gcc -O2 -Wall -o "$OUT/refrelay" "$HERE/refrelay.c"
dotnet build -c Release -nologo -v q "$HERE/RelayHost/RelayHost.csproj" -o "$OUT/relayhost" >&2

RELAY_PID=""
cleanup() { if [[ -n "$RELAY_PID" ]]; then kill "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

# run_one <name> <relay command...>: prints "<relay line> <gen line>" for one run.
run_one() {
  local name=$1; shift
  rm -f "$OUT/ports" "$OUT/$name.relay.log"
  taskset -c 1 ${PRIO_CMD[@]+"${PRIO_CMD[@]}"} "$@" >"$OUT/$name.relay.log" 2>&1 &
  RELAY_PID=$!
  for _ in $(seq 300); do [[ -f "$OUT/ports" ]] && break; sleep 0.1; done
  [[ -f "$OUT/ports" ]] || { echo "$name relay did not start:" >&2; cat "$OUT/$name.relay.log" >&2; exit 1; }
  local gen
  gen=$(taskset -c 0 ${PRIO_CMD[@]+"${PRIO_CMD[@]}"} "$OUT/rtpgen" "$CALLS" "$PHONE_BASE" "$OUT/ports" "$PPS" "$SECS")
  for _ in $(seq 100); do grep -q '^relay ' "$OUT/$name.relay.log" && break; sleep 0.1; done
  local relay
  relay=$(grep '^relay ' "$OUT/$name.relay.log" || echo "relay impl=$name packets=0 wall_s=0 user_s=0 sys_s=0 alloc_bytes=0 gc0=0 gc1=0 gc2=0")
  kill "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; RELAY_PID=""
  echo "$relay $gen"
}

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; }

row() {
  local line=$1
  local pk user sys wall alloc
  pk=$(field packets "$line"); user=$(field user_s "$line"); sys=$(field sys_s "$line"); wall=$(field wall_s "$line")
  alloc=$(field alloc_bytes "$line")
  awk -v impl="$(field impl "$line")" -v pk="$pk" -v u="$user" -v s="$sys" -v w="$wall" -v a="$alloc" \
      -v gc="$(field gc0 "$line")/$(field gc1 "$line")/$(field gc2 "$line")" \
      -v loss="$(field loss_pct "$line")" -v worst="$(field worst_stream_loss_pct "$line")" \
      -v p50="$(field lat_p50_us "$line")" -v p99="$(field lat_p99_us "$line")" -v p999="$(field lat_p999_us "$line")" \
      'BEGIN { if (pk == 0) pk = 1e-9;
               printf "| %s | %.0f | %.2f | %.2f | %.2f | %.0f %% | %s | %s | %s / %s / %s | %.3f | %s |\n",
                      impl, pk / w, 1e6 * (u + s) / pk, 1e6 * u / pk, 1e6 * s / pk, 100 * (u + s) / w,
                      loss, worst, p50, p99, p999, a / pk, gc }'
}

echo "load before: $(uptime)${PRIO:+; priority: $PRIO}" >&2
RESULTS=()
for rep in $(seq "$REPS"); do
  RESULTS+=("$(run_one c "$OUT/refrelay" "$CALLS" "$RELAY_BASE" "$PHONE_BASE" "$OUT/ports" "$WARMUP" "$WINDOW")")
  RESULTS+=("$(run_one lyrebird env DOTNET_gcServer=0 "$OUT/relayhost/RelayHost" "$CALLS" "$RELAY_BASE" "$PHONE_BASE" "$OUT/ports" "$WARMUP" "$WINDOW" 1)")
  if [[ -n "${RECORD:-}" ]]; then  # RECORD=1: the same relay with every call recorded to WAV (deleted after each run)
    rm -rf "$OUT/recordings"
    RESULTS+=("$(run_one lyrebird+rec env DOTNET_gcServer=0 "$OUT/relayhost/RelayHost" "$CALLS" "$RELAY_BASE" "$PHONE_BASE" "$OUT/ports" "$WARMUP" "$WINDOW" 1 "$OUT/recordings")")
    rm -rf "$OUT/recordings"
  fi
done
echo "load after: $(uptime)" >&2

echo
echo "$CALLS two-way calls = $((2 * CALLS)) streams x $PPS packets/s = $((2 * CALLS * PPS)) relayed packets/s; relay on CPU1, generator on CPU0; CPU over a ${WINDOW} s steady window"
echo
echo "| relay | relayed pkt/s | µs CPU / pkt | user µs | sys µs | CPU (one core) | loss % | worst stream loss % | latency p50 / p99 / p99.9 µs | alloc B / pkt | GCs (0/1/2) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for r in "${RESULTS[@]}"; do row "$r"; done
