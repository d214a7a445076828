#!/bin/sh
# adopt benchmark: how long clients find no repository while `adopt` takes a plain directory over.
# Usage: bench/adopt-window.sh [WORKDIR] [PACKAGES] [ROUNDS]   (default /tmp/staged-rollout-adopt, 200, 200)
# In the JVM: the gap the engine measures around its two renames, and a reader thread reading repodata/repomd.xml in a
# tight loop during each adopt. Beside it, another process (python3) reads the same file in a tight loop, as a web
# server would, noting when a read fails (CLOCK_MONOTONIC, as System.nanoTime): failures inside an adopt call count.
set -eu
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/staged-rollout-adopt}
PACKAGES=${2:-200}
ROUNDS=${3:-200}
./mvnw -B -q -DcoreOnly -Dmaven.test.skip.exec=true -Dsurefire.skip=true -DskipTests process-test-classes >/dev/null
CP="core/target/classes:core/target/test-classes:$(cat core/target/test-classpath.txt)"
mkdir -p "$WORK"
rm -f "$WORK/stop" "$WORK/windows.txt" "$WORK/failures.txt"
python3 - "$WORK/root/production/el9/x86_64/repodata/repomd.xml" "$WORK/stop" "$WORK/failures.txt" > "$WORK/reads.txt" <<'PY' &
import os, sys, time
path, stop, out = sys.argv[1:4]
reads, failed = 0, []
while not os.path.exists(stop):
    for _ in range(1000):
        reads += 1
        try:
            with open(path, 'rb') as f:
                f.read()
        except OSError:
            failed.append(time.monotonic_ns())
with open(out, 'w') as f:
    f.write('\n'.join(map(str, failed)))
print(reads)
PY
READER=$!
java -cp "$CP" io.jenkins.plugins.stagedrollout.core.repo.AdoptBenchmark "$WORK" "$PACKAGES" "$ROUNDS" | grep -v '^SLF4J'
touch "$WORK/stop"
wait "$READER"
python3 - "$WORK/windows.txt" "$WORK/failures.txt" "$(cat "$WORK/reads.txt")" <<'PY'
import sys
windows = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if line.strip()]
failed = [int(line) for line in open(sys.argv[2]) if line.strip()]
inside = [t for t in failed if any(a <= t <= b for a, b in windows)]
span = sum(b - a for a, b in windows) / 1e9
print(f"reader process: {sys.argv[3]} reads in all; during the {len(windows)} adopt calls ({span:.2f} s in all) {len(inside)} failed "
      f"({len(inside) / len(windows):.2f} per adopt); {len(failed) - len(inside)} failures between rounds (the root is rebuilt then)")
PY
