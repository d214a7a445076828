package io.jenkins.plugins.stagedrollout.core.repo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * One change of a repository as its change log keeps it: who, when, what and why.
 *
 * @param at         when (ISO-8601, UTC)
 * @param who        the OS user of the command-line tool, or jenkins
 * @param via        {@link ChangeNote#CLI} or {@link ChangeNote#JENKINS}
 * @param what       the change as its result said it, e.g. "Promoted 1 package(s) from untested to testing/el9/x86_64 (...)."
 * @param snapshot   what the stage served after it; null: nothing
 * @param why        the reason given, or null
 * @param unsigned   a signed stage got an unsigned snapshot on that reason
 * @param outOfOrder a promotion that skipped a stage or went backwards, on that reason
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ChangeRecord(String at, String who, String via, String what, String snapshot, String why, boolean unsigned, boolean outOfOrder)
        implements Serializable {

    /** Made by the command-line tool (or any writer but Jenkins): outside any rollout. */
    public boolean outsideRollouts() {
        return !ChangeNote.JENKINS.equals(via);
    }

    /** One line for people: {@code 2026-12-06T03:10:00Z by alice (cli): Promoted ...; why: ...}. */
    public String describe() {
        return at + " by " + who + " (" + via + "): " + what + (why == null ? "" : " Why: " + why)
                + (unsigned ? " [unsigned]" : "") + (outOfOrder ? " [out of order]" : "");
    }
}
