package io.jenkins.plugins.stagedrollout.core.mailreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy on the trusted server's verdict, with the exact reason of each refusal. */
class TrustedServerTest {
    private static final TrustedServer MX = new TrustedServer("mx.example.org");
    private static final String FROM = "ea-infn@infn.example.org";
    private static final String NOT = "the receiving mail server mx.example.org does not vouch for the sender: ";

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of(List.of("mx.example.org; dmarc=pass (p=reject) header.from=infn.example.org"), null),
                Arguments.of(List.of("MX.Example.Org 1; dmarc=pass header.from=INFN.example.org"), null),
                // no DMARC published: an aligned SPF or DKIM pass will do, relaxed (parent or child domain)
                Arguments.of(List.of("mx.example.org; dmarc=none header.from=infn.example.org;"
                        + " spf=pass smtp.mailfrom=bounces@mail.infn.example.org"), null),
                Arguments.of(List.of("mx.example.org; dmarc=none header.from=infn.example.org;"
                        + " dkim=pass header.d=example.org"), null),
                Arguments.of(List.of("mx.example.org; dmarc=none header.from=infn.example.org;"
                        + " dkim=pass header.i=@infn.example.org"), null),
                Arguments.of(List.of("mx.example.org; dmarc=none header.from=infn.example.org;"
                        + " spf=pass smtp.mailfrom=infn.example.org.evil.example.net; dkim=pass header.d=org"),
                        NOT + "infn.example.org publishes no DMARC policy (dmarc=none), and neither spf=pass nor dkim=pass"
                                + " is aligned with it"),
                Arguments.of(List.of("mx.example.org; dmarc=none header.from=infn.example.org; spf=softfail"
                        + " smtp.mailfrom=infn.example.org; dkim=fail header.d=infn.example.org"),
                        NOT + "infn.example.org publishes no DMARC policy (dmarc=none), and neither spf=pass nor dkim=pass"
                                + " is aligned with it"),
                Arguments.of(List.of("mx.example.org; dmarc=fail (p=reject) header.from=infn.example.org"),
                        NOT + "mx.example.org found dmarc=fail for infn.example.org"),
                Arguments.of(List.of("mx.example.org; dmarc=pass header.from=evil.example.net"),
                        NOT + "its dmarc=pass is for header.from=evil.example.net, not for the From domain infn.example.org"),
                Arguments.of(List.of("mx.example.org; dmarc=pass"), NOT + "its dmarc=pass names no header.from"),
                Arguments.of(List.of("mx.example.org; spf=pass smtp.mailfrom=infn.example.org"),
                        NOT + "mx.example.org recorded no DMARC result (dmarc=) for it"),
                Arguments.of(List.of("mx.example.org; none"), NOT + "mx.example.org recorded no DMARC result (dmarc=) for it"),
                Arguments.of(List.of(), NOT + "the mail has no Authentication-Results header of mx.example.org"),
                // another server's verdict, whatever it says, is not the trusted one's
                Arguments.of(List.of("mx.evil.example.net; dmarc=pass header.from=infn.example.org"),
                        NOT + "the mail has no Authentication-Results header of mx.example.org"),
                // only the topmost header of the trusted server counts: the ones below came with the mail
                Arguments.of(List.of("mx.evil.example.net; dmarc=pass header.from=infn.example.org",
                        "mx.example.org; dmarc=fail header.from=infn.example.org",
                        "mx.example.org; dmarc=pass header.from=infn.example.org"),
                        NOT + "mx.example.org found dmarc=fail for infn.example.org"),
                Arguments.of(List.of("mx.example.org; dmarc=pass action=none header.from=infn.example.org",
                        "mx.example.org; dmarc=pass header.from=infn.example.org"),
                        NOT + "its Authentication-Results header of mx.example.org cannot be read (expected '.' in a"
                                + " property such as header.from= (after 'action') at position 34, found '=none header')"));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void recordsOnlyWhatTheTrustedServerVouchesFor(List<String> headers, String refusal) {
        assertThat(MX.refusal(headers, FROM)).isEqualTo(Optional.ofNullable(refusal));
    }

    @Test
    void aMailWithoutFromIsNotVouchedFor() {
        assertThat(MX.refusal(List.of("mx.example.org; dmarc=pass header.from=infn.example.org"), null))
                .contains(NOT + "the mail has no From address to check");
    }

    @Test
    void alignmentIsEqualityOrSubdomainNeverABareTopLevelDomain() {
        assertThat(TrustedServer.aligned("infn.example.org", "infn.example.org")).isTrue();
        assertThat(TrustedServer.aligned("mail.infn.example.org", "infn.example.org")).isTrue();
        assertThat(TrustedServer.aligned("example.org", "infn.example.org")).isTrue();
        assertThat(TrustedServer.aligned("org", "infn.example.org")).isFalse();
        assertThat(TrustedServer.aligned("xinfn.example.org", "infn.example.org")).isFalse();
        assertThat(TrustedServer.aligned("example.net", "infn.example.org")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "mx example.org", "mx.example.org;", "\"mx.example.org\"", "mx@example.org"})
    void refusesWhatIsNotAnAuthservId(String id) {
        assertThatThrownBy(() -> new TrustedServer(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The trusted authserv-id '" + id + "' is not a single name; give the name the receiving mail"
                        + " server writes first in its Authentication-Results header, e.g. mx.example.org (no spaces,"
                        + " quotes or ()<>@,;:\\\"/[]?=)");
    }

    @Test
    void keepsTheNameTrimmed() {
        assertThat(new TrustedServer(" mx.example.org ").authservId()).isEqualTo("mx.example.org");
    }
}
