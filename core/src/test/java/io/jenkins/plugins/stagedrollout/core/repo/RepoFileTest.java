package io.jenkins.plugins.stagedrollout.core.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RepoFileTest {

    @Test
    void rendersTheSeedsShape() {
        RepoFile file = RepoFile.of("UMD-5-testing", "UMD 5 el9 x86_64 Testing", "https://repository.example.org/umd/5/testing/el9/x86_64/",
                "https://repository.example.org/RPM-GPG-KEY-UMD-5").withPriority(1);

        assertThat(file.render()).isEqualTo("""
                [UMD-5-testing]
                name=UMD 5 el9 x86_64 Testing
                baseurl=https://repository.example.org/umd/5/testing/el9/x86_64/
                enabled=1
                gpgcheck=1
                gpgkey=https://repository.example.org/RPM-GPG-KEY-UMD-5
                priority=1
                """);
    }

    @Test
    void optionalLinesAreLeftOut() {
        assertThat(RepoFile.of("local", "Local testing", "file:///srv/repos/testing/el9/x86_64", null).withEnabled(false).render())
                .isEqualTo("[local]\nname=Local testing\nbaseurl=file:///srv/repos/testing/el9/x86_64\nenabled=0\ngpgcheck=0\n");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of((Supplier<RepoFile>) () -> RepoFile.of("UMD 5", "n", "https://x/", null),
                        "The repository id 'UMD 5' is not valid in a .repo file. Fix: Use letters, digits and . _ : - only, e.g. UMD-5-testing."),
                Arguments.of((Supplier<RepoFile>) () -> RepoFile.of("u", "two\nlines", "https://x/", null),
                        "The repository name must be one non-empty line. Fix: Give e.g. 'UMD 5 el9 x86_64 Testing'."),
                Arguments.of((Supplier<RepoFile>) () -> RepoFile.of("u", "n", "repository.example.org/testing", null),
                        "The baseurl 'repository.example.org/testing' is not a URL. Fix: Give an http(s)://, ftp:// or file:// URL without spaces."),
                Arguments.of((Supplier<RepoFile>) () -> new RepoFile("u", "n", "https://x/", true, true, null, null),
                        "gpgcheck=1 needs a gpgkey URL. Fix: Give the URL of the public key, or turn gpgcheck off."),
                Arguments.of((Supplier<RepoFile>) () -> RepoFile.of("u", "n", "https://x/", null).withPriority(0),
                        "The priority 0 is outside 1..99. Fix: Give a priority between 1 (highest) and 99."));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badValuesAreRefused(Supplier<RepoFile> make, String message) {
        assertThatThrownBy(make::get).isInstanceOf(RepositoryException.class).hasMessage(message);
    }
}
