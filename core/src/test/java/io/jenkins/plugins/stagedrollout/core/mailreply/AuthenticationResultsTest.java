package io.jenkins.plugins.stagedrollout.core.mailreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The header as real servers write it, and what the strict reader refuses, with its exact words. */
class AuthenticationResultsTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                // OpenDMARC
                Arguments.of("mx.example.org; dmarc=pass (p=none dis=none) header.from=infn.example.org", "mx.example.org",
                        List.of("dmarc=pass {header.from=infn.example.org}")),
                // opendkim, folded, quoted signature fragment
                Arguments.of("mx.example.org;\r\n\tdkim=pass (2048-bit key; unprotected) header.d=infn.example.org\r\n"
                        + "\theader.i=@infn.example.org header.b=\"Ab/c+d=1\"", "mx.example.org",
                        List.of("dkim=pass {header.b=Ab/c+d=1, header.d=infn.example.org, header.i=@infn.example.org}")),
                // Gmail: several methods, a version-less reason in a comment, an address as smtp.mailfrom
                Arguments.of("mx.google.com; dkim=pass header.i=@example.com header.s=20230601 header.b=Xy/zAb12;"
                        + " spf=pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted sender)"
                        + " smtp.mailfrom=a@example.com; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com",
                        "mx.google.com", List.of("dkim=pass {header.b=Xy/zAb12, header.i=@example.com, header.s=20230601}",
                                "spf=pass {smtp.mailfrom=a@example.com}", "dmarc=pass {header.from=example.com}")),
                // RFC 8601 appendix: version, reason, method version, upper case
                Arguments.of("example.com 1; SPF/1=Fail reason=\"bad IP\" smtp.MailFrom=example.net", "example.com",
                        List.of("spf=fail {smtp.mailfrom=example.net}")),
                Arguments.of("(comment first) \"mx.example.org\" ; none", "mx.example.org", List.of()),
                Arguments.of("mx.example.org; none (nothing to check)", "mx.example.org", List.of()));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void readsWhatServersWrite(String header, String authservId, List<String> results) {
        AuthenticationResults read = AuthenticationResults.parse(header);

        assertThat(read.authservId()).isEqualTo(authservId);
        assertThat(read.results()).extracting(r -> r.method() + "=" + r.result() + " " + new TreeMap<>(r.properties()))
                .containsExactlyElementsOf(results);
        assertThat(AuthenticationResults.authservIdOf(header)).contains(authservId);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // Microsoft 365 writes no authserv-id
                Arguments.of("spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com; dmarc=pass action=none"
                        + " header.from=example.com", "expected ';' after the authserv-id spf at position 4, found '=pass (sende'"),
                Arguments.of("mx.example.org dmarc=pass", "expected ';' after the authserv-id mx.example.org at position 16,"
                        + " found 'dmarc=pass'"),
                Arguments.of("mx.example.org;", "expected a method such as dmarc=, or none at position 16, found the end"),
                Arguments.of("mx.example.org; dmarc=pass header.from=example.com;",
                        "expected a method such as dmarc= at position 52, found the end"),
                Arguments.of("mx.example.org; dmarc=pass action=none header.from=example.com",
                        "expected '.' in a property such as header.from= (after 'action') at position 34, found '=none header'"),
                Arguments.of("mx.example.org; dmarc=", "expected the result of dmarc at position 23, found the end"),
                Arguments.of("mx.example.org; dmarc=pass header.from=", "expected the value of header.from at position 40,"
                        + " found the end"),
                Arguments.of("mx.example.org; dmarc=pass (p=none", "the comment at position 28 is not closed"),
                Arguments.of("\"mx.example.org; dmarc=pass", "the quoted string at position 1 is not closed"),
                Arguments.of("mx.example.org; none dmarc=pass", "expected '=' after the method none at position 22, found"
                        + " 'dmarc=pass'"),
                Arguments.of("mx.example.org;\r\ndmarc=pass", "a line break not followed by white space"),
                Arguments.of("", "expected an authserv-id (the name of the server that wrote the header) at position 1,"
                        + " found the end"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesWhatIsNotTheHeader(String header, String message) {
        assertThatThrownBy(() -> AuthenticationResults.parse(header)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void theAuthservIdAloneIsReadWhereTheRestIsNot() {
        assertThat(AuthenticationResults.authservIdOf("mx.example.org; dmarc=pass action=none")).contains("mx.example.org");
        assertThat(AuthenticationResults.authservIdOf("spf=pass smtp.mailfrom=example.com")).contains("spf");
        assertThat(AuthenticationResults.authservIdOf("\"mx.example.org; dmarc=pass")).isEmpty();
        assertThat(AuthenticationResults.authservIdOf(" (only a comment)")).isEmpty();
    }

    @Test
    void keepsTheFirstValueOfARepeatedProperty() {
        assertThat(AuthenticationResults.parse("mx; spf=pass smtp.mailfrom=a.example smtp.mailfrom=b.example").results())
                .singleElement().extracting(AuthenticationResults.MethodResult::properties)
                .isEqualTo(Map.of("smtp.mailfrom", "a.example"));
    }
}
