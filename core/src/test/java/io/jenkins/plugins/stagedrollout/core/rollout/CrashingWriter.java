package io.jenkins.plugins.stagedrollout.core.rollout;

import java.nio.file.Path;
import java.util.List;

/**
 * Not a test: the child process of {@link CrashRecoveryTest}. Answers and withdraws in a loop and prints the sequence
 * number of every command once it has returned (so is on disk), until it is killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) {
        Fixture f = new Fixture();
        try (RolloutService s = f.open(Path.of(args[0]), RolloutPolicy.defaults())) {
            s.invite(Fixture.MANAGER, List.of(Fixture.INFN, Fixture.CESGA));
            for (int i = 0; ; i++) {
                s.answer(Fixture.ALICE, Fixture.INFN, i % 2 == 0 ? AnswerKind.ACCEPT : AnswerKind.WITHDRAW, "round " + i);
                System.out.println(s.rollout().lastSeq());
                System.out.flush();
            }
        }
    }
}
