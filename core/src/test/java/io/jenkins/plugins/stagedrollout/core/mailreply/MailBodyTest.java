package io.jenkins.plugins.stagedrollout.core.mailreply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text a sender wrote, cut where each mail client starts the quoted original or the signature. */
class MailBodyTest {
    @Test
    void cutsAtAttributionSignatureAndOutlookHeaders() {
        assertThat(MailBody.cut("accept NGI_IT-INFN-T1\n\nOn Wed, 25 Nov 2026, Staged Rollout wrote:\n> please answer"))
                .isEqualTo("accept NGI_IT-INFN-T1");
        assertThat(MailBody.cut("accept NGI_IT-INFN-T1\nOn Wed, 25 Nov 2026 at 10:00, Staged Rollout <sr@\nexample.org> wrote:\n"))
                .isEqualTo("accept NGI_IT-INFN-T1");
        assertThat(MailBody.cut("reject NGI_DE-KIT broken\n-- \nKIT ops\n")).isEqualTo("reject NGI_DE-KIT broken");
        assertThat(MailBody.cut("accept NGI_DE-KIT\r\n\r\n-----Original Message-----\r\nFrom: sr@example.org\r\naccept x"))
                .isEqualTo("accept NGI_DE-KIT");
        assertThat(MailBody.cut("accept NGI_DE-KIT\n________________________________\nFrom: Staged Rollout\nSent: Wed"))
                .isEqualTo("accept NGI_DE-KIT");
        assertThat(MailBody.cut("Accept NGI_FR-GRIF\n\nSent from my phone")).isEqualTo("Accept NGI_FR-GRIF");
        assertThat(MailBody.cut("\n\naccept NGI_FR-GRIF\nLe mer. 25 nov. 2026, Staged Rollout a écrit :\n> x"))
                .isEqualTo("accept NGI_FR-GRIF");
    }

    @Test
    void htmlBecomesTheLinesItShowsWithoutQuotes() {
        assertThat(MailBody.htmlToText("<p>reject&nbsp;NGI_DE-KIT</p><p>xrootd<br>breaks</p>"
                + "<blockquote type=\"cite\">accept NGI_DE-KIT</blockquote><div id=\"divRplyFwdMsg\">From: x</div>").strip())
                .isEqualTo("reject NGI_DE-KIT\nxrootd\nbreaks");
    }
}
