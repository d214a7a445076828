package io.jenkins.plugins.stagedrollout.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL in the middle of its work loses none of the commands it had acknowledged. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void killedWriterLosesNoAcknowledgedEvent() throws Exception {
        Path log = dir.resolve("rollout.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
                log.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int commands = 0;
            while (commands < 300 && (line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line);
                commands++;
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(commands).as("the writer ran long enough to be killed mid-work").isEqualTo(300);
        }

        Fixture f = new Fixture();
        try (RolloutService s = RolloutService.load(log, f.env)) {
            Rollout r = s.rollout();
            assertThat(r.lastSeq()).isGreaterThanOrEqualTo(acknowledged);
            long answered = EventLogTestSupport.count(log, Change.Answered.class);
            assertThat(r.teams().get(Fixture.INFN).history()).hasSize((int) answered);
            assertThat(r.state()).isEqualTo(RolloutState.SOAK);
        }
    }
}
