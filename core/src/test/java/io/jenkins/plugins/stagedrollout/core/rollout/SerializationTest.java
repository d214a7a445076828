package io.jenkins.plugins.stagedrollout.core.rollout;

import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.ALICE;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.CESGA;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.INFN;
import static io.jenkins.plugins.stagedrollout.core.rollout.Fixture.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.report.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosts may keep a rollout and its view in Java-serialized state (Jenkins remoting, caches). */
class SerializationTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void rolloutViewAndRosterSurviveJavaSerialization() throws Exception {
        Fixture f = new Fixture();
        try (RolloutService s = f.open(dir.resolve("r.log"), RolloutPolicy.defaults())) {
            s.invite(MANAGER, List.of(INFN, CESGA));
            s.answer(ALICE, INFN, AnswerKind.ACCEPT, "ok");
            s.fileReport(ALICE, Fixture.report(INFN, Verdict.POSITIVE));
            assertThat(roundTrip(s.rollout())).isEqualTo(s.rollout());
            assertThat(roundTrip(s.view())).isEqualTo(s.view());
            assertThat(roundTrip(Fixture.ROSTER).teamsOf(ALICE)).containsExactly(INFN);
        }
    }
}
