package io.jenkins.plugins.stagedrollout.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mail replies as people write them: tolerant of case, spacing, the ea- prefix, quoted text and line endings. */
class AnswerTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Accept NGI_IT-INFN-T1                              | ACCEPT   | ea-NGI_IT-INFN-T1",
        "reject  ngi_it-infn-t1                             | REJECT   | ea-NGI_IT-INFN-T1",
        "'   ACCEPT\tea-ngi_it-infn-t1   '                  | ACCEPT   | ea-NGI_IT-INFN-T1",
        "withdraw EA-NGI_IBERGRID-CESGA                     | WITHDRAW | ea-NGI_IBERGRID-CESGA",
        "'\r\n> On Wed someone wrote:\r\n>  reject NGI_DE-KIT\r\naccept NGI_DE-KIT\r\nthanks' | ACCEPT | ea-NGI_DE-KIT",
    })
    void understandsRepliesAsWritten(String text, AnswerKind kind, String team) {
        AnswerText parsed = AnswerText.parse(text);
        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.team()).isEqualTo(TeamId.parse(team));
    }
}
