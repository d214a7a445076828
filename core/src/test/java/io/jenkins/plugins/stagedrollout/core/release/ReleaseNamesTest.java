package io.jenkins.plugins.stagedrollout.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.stagedrollout.core.report.ReportFileName;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ticket titles, report and summary file names, package sets: parsing, printing and refusals. */
class ReleaseNamesTest {
    private static final Release EMI = Release.parseTitle("Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64 | EMI | 1.0  | SE-DPM_mysql | 1.8.0-1 | SL5 | x86_64",
        "Staged Rollout CA 1.38                                 | CA  |      | CA           | 1.38    |     |",
        "Staged Rollout UMD-4 bdii-site 1.0.1                   | UMD | 4    | bdii-site    | 1.0.1   |     |",
        "  staged rollout   UMD-4  bdii-site  1.0.1 el9 aarch64 | UMD | 4    | bdii-site    | 1.0.1   | el9 | aarch64",
    })
    void parsesTitles(String title, String stack, String major, String component, String version, String os, String arch) {
        Release r = Release.parseTitle(title);
        assertThat(r).isEqualTo(new Release(stack, major, component, version, os, arch));
        assertThat(Release.parseTitle(r.ticketTitle())).isEqualTo(r);
    }

    @Test
    void printsTheConventionalTitles() {
        assertThat(EMI.ticketTitle()).isEqualTo("Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64");
        assertThat(Release.parseTitle("Staged Rollout CA 1.38").ticketTitle()).isEqualTo("Staged Rollout CA 1.38");
        assertThat(Release.of("UMD-4", "dpm", "1.8.0").ticketTitle()).isEqualTo("Staged Rollout UMD-4 dpm 1.8.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Rollout EMI-1.0 dpm 1.8.0 | Ticket title 'Rollout EMI-1.0 dpm 1.8.0' does not start with 'Staged Rollout'; write it as e.g. 'Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64' or 'Staged Rollout CA 1.38'",
        "Staged Rollout EMI-1.0 dpm 1.8.0 SL5 | Ticket title 'Staged Rollout EMI-1.0 dpm 1.8.0 SL5' has 4 words after 'Staged Rollout'; expected STACK-Major COMPONENT VERSION [OS ARCH], e.g. 'Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64' or 'Staged Rollout CA 1.38'",
        "Staged Rollout EMI-1.0 dpm latest | Release version 'latest' is invalid; use starting with a digit, e.g. 1.8.0-1",
        "Staged Rollout 4-UMD dpm 1.0 | Release stack '4' is invalid; use letters, digits and '_' starting with a letter, e.g. UMD or EMI",
    })
    void refusesMalformedTitles(String title, String message) {
        assertThatThrownBy(() -> Release.parseTitle(title)).isInstanceOf(InvalidNameException.class).hasMessage(message);
    }

    @Test
    void reportFileNamesFollowTheConvention() {
        ReportFileName name = ReportFileName.parse("ea-ngi_it-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1.odt", EMI);
        assertThat(name.team()).isEqualTo(TeamId.parse("ea-NGI_IT-INFN-T1"));
        assertThat(name.extension()).isEqualTo("odt");
        assertThat(name.fileName()).isEqualTo("ea-NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1.odt");
        assertThat(ReportFileName.of(TeamId.parse("NGI_DE-KIT"), EMI, "docx").fileName())
                .isEqualTo("ea-NGI_DE-KIT-EMI-SE-DPM_mysql-1.8.0-1.docx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ea-NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-2.odt | Report file name 'ea-NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-2.odt' does not match ea-<NGI>-<Site-name>-<MW stack>-<component>-<version>.<ext> for Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64; name it ea-<NGI>-<Site-name>-EMI-SE-DPM_mysql-1.8.0-1.odt",
        "NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1.odt | Report file name 'NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1.odt' does not match ea-<NGI>-<Site-name>-<MW stack>-<component>-<version>.<ext> for Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64; name it ea-<NGI>-<Site-name>-EMI-SE-DPM_mysql-1.8.0-1.odt",
        "ea-NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1 | File name 'ea-NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1' has no extension; name it ea-<NGI>-<Site-name>-<MW stack>-<component>-<version>.<ext>",
        "ea-NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1.od t | File name 'ea-NGI_IT-INFN-T1-EMI-SE-DPM_mysql-1.8.0-1.od t' has extension 'od t'; use 1-5 letters or digits such as odt, docx, pdf, md or json",
        "ea-NGIIT-EMI-SE-DPM_mysql-1.8.0-1.odt | Team 'ea-NGIIT' is not an Early Adopter team id; write ea-<NGI>-<Site-name> or <NGI>-<Site-name>, e.g. ea-NGI_IT-INFN-T1",
    })
    void refusesInvalidReportFileNames(String fileName, String message) {
        assertThatThrownBy(() -> ReportFileName.parse(fileName, EMI)).isInstanceOf(InvalidNameException.class).hasMessage(message);
    }

    @Test
    void summaryFileNames() {
        assertThat(SummaryFileName.parse("summary-EMI-SE-DPM_mysql-1.8.0-1.doc", EMI).extension()).isEqualTo("doc");
        assertThat(SummaryFileName.of(EMI, "md").fileName()).isEqualTo("summary-EMI-SE-DPM_mysql-1.8.0-1.md");
        assertThatThrownBy(() -> SummaryFileName.parse("summary-EMI-1.0-SE-DPM_mysql-1.8.0-1.doc", EMI))
                .isInstanceOf(InvalidNameException.class)
                .hasMessage("Summary file name 'summary-EMI-1.0-SE-DPM_mysql-1.8.0-1.doc' does not match summary-<MW stack>-<component>-<version>.<ext>"
                        + " for Staged Rollout EMI-1.0 SE-DPM_mysql 1.8.0-1 SL5 x86_64; name it summary-EMI-SE-DPM_mysql-1.8.0-1.doc");
    }

    @Test
    void packageSetIsSortedDeduplicatedAndDigested() {
        PackageSet a = PackageSet.of("dpm-libs-1.8.0-1.el9.x86_64", "dpm-1:1.8.0-1.el9.x86_64", "dpm-libs-1.8.0-1.el9.x86_64");
        PackageSet b = PackageSet.of(List.of(" dpm-1:1.8.0-1.el9.x86_64", "dpm-libs-1.8.0-1.el9.x86_64"));
        assertThat(a.nevras()).containsExactly("dpm-1:1.8.0-1.el9.x86_64", "dpm-libs-1.8.0-1.el9.x86_64");
        assertThat(a.digest()).isEqualTo(b.digest()).hasSize(64);
        assertThat(PackageSet.of("dpm-1.8.0-2.el9.x86_64").digest()).isNotEqualTo(PackageSet.of("dpm-1.8.0-1.el9.x86_64").digest());
        assertThatThrownBy(() -> PackageSet.of("dpm.rpm")).hasMessage("Package 'dpm.rpm' is not a NEVRA; write"
                + " name-[epoch:]version-release.arch such as dpm-1.8.0-1.el9.x86_64");
        assertThatThrownBy(() -> new PackageSet(List.of("dpm-1.8.0-1.el9.x86_64"), "00")).hasMessageStartingWith(
                "Package set digest 00 does not match its NEVRA list");
    }

    @Test
    void linksMustBeAbsoluteHttp() {
        assertThatThrownBy(() -> ReleaseLinks.answerPageOnly("javascript:alert(1)"))
                .hasMessage("Link 'javascript:alert(1)' is not an absolute http(s) URL; write it as https://host/path");
    }
}
