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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "accept NGI_IT-INFN-T1                                        | ",
        "'reject NGI_IT-INFN-T1   the CE fails  '                      | the CE fails",
        "'Reject ea-ngi_it-infn-t1 SRM fails\nsee GGUS 4711\n\n'       | 'SRM fails\nsee GGUS 4711'",
        "'reject NGI_IT-INFN-T1\n> quoted\nbroken on el9'               | broken on el9",
    })
    void keepsWhatFollowsTheTeamAsTheComment(String text, String comment) {
        assertThat(AnswerText.parse(text).comment()).isEqualTo(comment);
    }
}
