#!/usr/bin/env bash
# Staged Rollouts page benchmark: a real Jenkins controller (JenkinsRule, as the plugin's tests start one) with N
# rollouts over J jobs in the dashboard's index; times the page and api/json over HTTP (p50/p95/max of R requests
# after a warm-up) and one index update. Needs the Jenkins Maven repository (as any plugin build).
# Usage: bench/dashboard-benchmark.sh [--rollouts 1000] [--jobs 200] [--requests 100]
set -euo pipefail
cd "$(dirname "$0")/.."
rollouts=1000 jobs=200 requests=100
while [ $# -gt 0 ]; do
  case "$1" in
    --rollouts) rollouts=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    *) echo "unknown option $1; use --rollouts N, --jobs N, --requests N" >&2; exit 2 ;;
  esac
done
# DashboardBenchmark is no *Test class, so the normal build never runs it; naming it here does.
./mvnw -B -q -pl plugin -am test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotbugs.skip -Dspotless.check.skip -Djenkins.test.timeout=1800 \
  -Dbench.rollouts="$rollouts" -Dbench.jobs="$jobs" -Dbench.requests="$requests"
cat plugin/target/dashboard-benchmark.txt
