#!/usr/bin/env bash
# Builds Lyrebird and runs every test project in Lyrebird.slnx.
#
#   ./test.sh
#
# Installs the external SIP test peers (SIPp, sipsak) with apt-get if they are missing, builds the solution once,
# runs `dotnet test` on the whole solution, and ends with one summary line: "N passed, N failed[, N skipped]".
# Exits non-zero if the build fails or any test fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

configuration=Release
results_dir="$PWD/TestResults/test.sh"

log() { echo "test.sh: $*"; }

# --- 1. Test peers -----------------------------------------------------------------------------------------------
install_test_peers() {
    local missing=()
    command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)   # the Debian package that provides `sipp`
    command -v sipsak >/dev/null 2>&1 || missing+=(sipsak)
    if ((${#missing[@]} == 0)); then
        return
    fi

    if ! command -v apt-get >/dev/null 2>&1; then
        log "missing test peers (${missing[*]}) and no apt-get to install them; install them and re-run" >&2
        exit 1
    fi

    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo=(sudo)
    fi

    log "installing test peers: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- 2. Summary from the TRX result files --------------------------------------------------------------------------
# Each test project writes one .trx file whose <Counters> element holds that project's totals.
counter() { # counter NAME FILE -> the value of attribute NAME in FILE's <Counters> element
    grep -o '<Counters [^>]*>' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}

summarize() {
    local passed=0 failed=0 skipped=0 file
    shopt -s nullglob
    for file in "$results_dir"/*.trx; do
        passed=$((passed + $(counter passed "$file")))
        failed=$((failed + $(counter failed "$file") + $(counter error "$file") + $(counter timeout "$file") + $(counter aborted "$file")))
        skipped=$((skipped + $(counter notExecuted "$file")))
    done
    shopt -u nullglob

    local line="$passed passed, $failed failed"
    if ((skipped > 0)); then
        line+=", $skipped skipped"
    fi
    echo "$line"
}

# --- 3. Build and test ---------------------------------------------------------------------------------------------
install_test_peers

log "building Lyrebird.slnx ($configuration)"
if ! dotnet build Lyrebird.slnx -c "$configuration" -nologo -clp:ErrorsOnly; then
    log "build failed" >&2
    echo "0 passed, 0 failed"
    exit 1
fi

rm -rf "$results_dir"
log "running tests"
test_status=0
dotnet test Lyrebird.slnx -c "$configuration" --no-build -nologo \
    --results-directory "$results_dir" \
    --logger "trx;LogFileName={assembly}.trx" \
    || test_status=$?

if ((test_status != 0)); then
    log "dotnet test exited with status $test_status" >&2
fi

summary=$(summarize)
echo "$summary"
if ((test_status != 0)) || [[ $summary != *" 0 failed"* ]]; then
    exit 1
fi
