#!/bin/sh
# Dependency check benchmark: the engine's check against bare `dnf repoclosure` on the same repositories, same run,
# and the check's share of a promotion. Needs createrepo_c and dnf with dnf-plugins-core (repoclosure).
# Usage: [SIZE=10000] [COMPRESSION=zstd] bench/closure-benchmark.sh [WORKDIR] [REPETITIONS]   (default /tmp/staged-rollout-bench, 5)
# The generated RPMs are kept in WORKDIR/closure-pool-SIZE and reused by later runs.
set -eu
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/staged-rollout-bench}
REPS=${2:-5}
./mvnw -B -q -DcoreOnly -Dmaven.test.skip.exec=true -Dsurefire.skip=true -DskipTests process-test-classes >/dev/null
CP="core/target/classes:core/target/test-classes:$(cat core/target/test-classpath.txt)"
mkdir -p "$WORK"
java -Xmx512m -cp "$CP" io.jenkins.plugins.stagedrollout.core.repo.ClosureBenchmark "$WORK" "${SIZE:-10000}" "$REPS" | grep -v '^SLF4J'
