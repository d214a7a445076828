#!/usr/bin/env bash
# Process engine benchmark: N rollouts x T teams written as event logs, replayed from disk (time and retained heap per
# rollout), then answer throughput in memory and durably (fsync per answer).
# Usage: bench/process-benchmark.sh [--rollouts 10000] [--teams 20] [--durable-answers 2000] [--dir core/target/bench-logs]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$PWD/core/target/bench.classpath"
./mvnw -B -q -DcoreOnly -pl core test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -Xms2g -Xmx4g -XX:+UseParallelGC \
  -cp "core/target/classes:core/target/test-classes:$(cat "$cp_file")" \
  io.jenkins.plugins.stagedrollout.core.rollout.ProcessBenchmark "$@"
