package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpmHeaderReaderTest {

    @TempDir
    Path dir;

    @Test
    void fixturesAreRealRpmsAndTheReaderAgreesWithRpm() {
        Path noarch = RpmFixtures.write(dir, "egi-tool", "1.2.3", "1.el9", "noarch");
        Path x86 = RpmFixtures.write(dir, "egi-daemon", 2, "4.0", "3.el9", "x86_64");

        for (Path rpm : new Path[] {noarch, x86}) {
            Tools.Result rpmSays = Tools.run("rpm", "-qp", "--nosignature", "--nodigest", "--qf", "%{NAME}-%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}.%{ARCH}", rpm.toString());
            assertThat(rpmSays.exit()).as(rpmSays.out()).isZero();
            assertThat(RpmHeaderReader.read(rpm).nevra()).isEqualTo(rpmSays.out().strip());
        }
        assertThat(RpmHeaderReader.read(x86)).isEqualTo(RpmPackage.of("egi-daemon-4.0-3.el9.x86_64.rpm", "egi-daemon", 2, "4.0", "3.el9", "x86_64"));
        assertThat(RpmHeaderReader.read(noarch).nevra()).isEqualTo("egi-tool-1.2.3-1.el9.noarch");
    }

    @Test
    void refusesTextAndTruncatedFiles() throws IOException {
        Path text = Files.writeString(dir.resolve("notes-1-1.noarch.rpm"), "this is not an rpm\n");
        assertThatThrownBy(() -> RpmHeaderReader.read(text))
                .hasMessage("'notes-1-1.noarch.rpm' in " + dir + " is not a valid RPM package: it has no RPM lead magic. "
                        + "Fix: Remove or rebuild the file, then run the promotion again.");

        Path good = RpmFixtures.write(dir.resolve("good"), "egi-tool", "1", "1", "noarch");
        Path truncated = Files.write(dir.resolve("egi-tool-1-1.noarch.rpm"), Arrays.copyOf(Files.readAllBytes(good), 200));
        assertThatThrownBy(() -> RpmHeaderReader.read(truncated))
                .hasMessageContaining("'egi-tool-1-1.noarch.rpm' in " + dir + " is not a valid RPM package: it ends inside its header (truncated).");
    }
}
