#!/bin/sh
# Promotion benchmark: the engine against bare `createrepo_c --update` on the same packages, same run.
# Usage: [SIZES="1000 10000"] [COMPRESSION=gz|xz|bz2] bench/promotion-benchmark.sh [WORKDIR] [REPETITIONS]   (default /tmp/staged-rollout-bench, 5)
# Sizes 1,000 and 10,000 run in separate JVMs so that their memory (max RSS) can be compared.
# The generated RPMs are kept in WORKDIR/pool and reused by later runs.
set -eu
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/staged-rollout-bench}
REPS=${2:-5}
./mvnw -B -q -DcoreOnly -Dmaven.test.skip.exec=true -Dsurefire.skip=true -DskipTests process-test-classes >/dev/null
CP="core/target/classes:core/target/test-classes:$(cat core/target/test-classpath.txt)"
mkdir -p "$WORK"
for SIZE in ${SIZES:-1000 10000}; do
  echo "== repository of $SIZE packages =="
  /usr/bin/time -v java -Xmx256m -cp "$CP" io.jenkins.plugins.stagedrollout.core.repo.PromotionBenchmark "$WORK" "$SIZE" "$REPS" \
    2> "$WORK/time-$SIZE.txt" | grep -v '^SLF4J'
  echo "size $SIZE: max RSS of the JVM: $(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$SIZE.txt") KiB"
done
