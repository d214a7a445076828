package io.jenkins.plugins.stagedrollout;

import io.jenkins.plugins.stagedrollout.rollout.BuildRollout;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.Jenkins;
import org.netbeans.insane.scanner.ObjectMap;
import org.netbeans.insane.scanner.ScannerUtils;
import org.netbeans.insane.scanner.Visitor;

/**
 * Where a waiting build's heap goes, for {@code bench/waiting-rollouts-benchmark.sh --diagnose}: who holds the 64 KiB buffers of Pipeline log streams (workflow-api's DelayBufferedOutputStream): walks the heap
 * from Jenkins and the given builds with the test harness's heap scanner and prints, for each chain of referrers, how
 * many such buffers it holds; and how much the rollouts (their build records) reach that nothing else of Jenkins does. A diagnosis
 * with the harness's heap scanner (slow), not a figure.
 */
final class HeapDiagnosis {

    private static final int BUFFER = 65536;
    private static final int DEPTH = 6;

    private HeapDiagnosis() {}

    static String heldBy(Collection<?> builds) throws Exception {
        Map<Object, Object> referrer = new IdentityHashMap<>();
        Map<Object, String> field = new IdentityHashMap<>();
        List<byte[]> buffers = new ArrayList<>();
        Visitor visitor = new Visitor() {
            @Override
            public void visitClass(Class<?> c) {}

            @Override
            public void visitObject(ObjectMap map, Object o) {
                if (o instanceof byte[] b && b.length == BUFFER) {
                    buffers.add(b);
                }
            }

            @Override
            public void visitObjectReference(ObjectMap map, Object from, Object to, Field ref) {
                if (!referrer.containsKey(to)) {
                    referrer.put(to, from);
                    field.put(to, ref.getName());
                }
            }

            @Override
            public void visitArrayReference(ObjectMap map, Object from, Object to, int index) {
                if (!referrer.containsKey(to)) {
                    referrer.put(to, from);
                    field.put(to, "[]");
                }
            }

            @Override
            public void visitStaticReference(ObjectMap map, Object to, Field ref) {}
        };
        List<Object> roots = new ArrayList<>(builds);
        roots.add(Jenkins.get());
        ScannerUtils.scan(ScannerUtils.skipNonStrongReferencesFilter(), visitor, roots, false);
        Map<String, Integer> chains = new TreeMap<>();
        for (byte[] b : buffers) {
            StringBuilder chain = new StringBuilder();
            Object at = b;
            for (int i = 0; i < DEPTH && referrer.containsKey(at); i++) {
                Object from = referrer.get(at);
                chain.append(" <- ")
                        .append(from.getClass().getSimpleName())
                        .append('.')
                        .append(field.get(at));
                at = from;
            }
            chains.merge(chain.toString(), 1, Integer::sum);
        }
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT, "  64 KiB log buffers reachable: %d for %d builds%n", buffers.size(), builds.size()));
        List<Object> actions = new ArrayList<>();
        for (Object b : builds) {
            actions.addAll(((hudson.model.Run<?, ?>) b).getActions(BuildRollout.class));
        }
        if (!actions.isEmpty()) {
            int size = ScannerUtils.recursiveSizeOf(
                    actions,
                    (o, from, ref) -> !(o instanceof hudson.model.Run
                            || o instanceof hudson.model.Item
                            || o instanceof Jenkins
                            || o instanceof Class
                            || o instanceof ClassLoader
                            || o instanceof Thread
                            || o instanceof hudson.model.Descriptor));
            report.append(String.format(
                    Locale.ROOT,
                    "  the rollouts and what only they reach: %d bytes for %d (%.1f KiB each)%n",
                    size,
                    actions.size(),
                    size / 1024.0 / actions.size()));
        }
        chains.forEach((chain, n) -> report.append(String.format(Locale.ROOT, "    %5d byte[65536]%s%n", n, chain)));
        return report.toString();
    }
}
