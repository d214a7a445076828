#!/usr/bin/env bash
# Waiting rollouts benchmark: a real Jenkins controller (JenkinsSessionExtension, as the plugin's tests start one)
# with N rollouts all waiting in waitForEarlyAdopters; prints busy executors, live threads, live heap per waiting
# rollout (class histogram after a full GC, against the same controller with none), answer POST latency over HTTP,
# the time a restart takes until every rollout waits and takes an answer again, and lost answers. The same run
# measures N plain Pipelines paused in `input` on an equal controller, for comparison. Needs the Jenkins Maven
# repository (as any plugin build) and a mail server is started in-process (GreenMail).
# --diagnose adds who holds the builds' 64 KiB log buffers and what the rollout actions alone reach (slow heap walk).
# --jvm 'OPTIONS' adds options to the controller's JVM, e.g. a Pipeline tuning property to compare.
# Usage: bench/waiting-rollouts-benchmark.sh [--rollouts 300] [--answers 3000] [--clients 4] [--heap 2g] [--diagnose]
#        [--jvm '-Dname=value']
set -euo pipefail
cd "$(dirname "$0")/.."
rollouts=300 answers=3000 clients=4 heap=2g diagnose=false jvm=
while [ $# -gt 0 ]; do
  case "$1" in
    --rollouts) rollouts=$2; shift 2 ;;
    --answers) answers=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --diagnose) diagnose=true; shift ;;
    --jvm) jvm=$2; shift 2 ;;
    *) echo "unknown option $1; use --rollouts N, --answers N, --clients N, --heap SIZE, --diagnose, --jvm OPTIONS" >&2; exit 2 ;;
  esac
done
if [ "$rollouts" -lt 10 ] || [ "$answers" -lt "$rollouts" ]; then
  echo "--rollouts must be at least 10 and --answers at least --rollouts" >&2; exit 2
fi
rm -f plugin/target/waiting-rollouts-benchmark.txt
# The plugin POM's test JVM has a 768 MiB heap and only the first JIT tier (fast tests); a controller has neither.
# WaitingRolloutsBenchmark is no *Test class, so the normal build never runs it; naming it here does.
./mvnw -B -q -pl plugin -am test -Dtest=WaitingRolloutsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotbugs.skip -Dspotless.check.skip -Djenkins.test.timeout=3600 \
  -DargLine="-Xms$heap -Xmx$heap $jvm @{jenkins.addOpens} @{jenkins.insaneHook} @{jenkins.javaAgent}" \
  -Dbench.rollouts="$rollouts" -Dbench.answers="$answers" -Dbench.clients="$clients" -Dbench.diagnose="$diagnose"
cat plugin/target/waiting-rollouts-benchmark.txt
