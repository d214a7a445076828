package io.jenkins.plugins.stagedrollout.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.stagedrollout.RolloutTestSupport;
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration;
import io.jenkins.plugins.stagedrollout.core.rollout.AnswerKind;
import io.jenkins.plugins.stagedrollout.core.rollout.Decision;
import io.jenkins.plugins.stagedrollout.core.rollout.Fixture;
import io.jenkins.plugins.stagedrollout.core.team.Actor;
import io.jenkins.plugins.stagedrollout.core.team.TeamId;
import io.jenkins.plugins.stagedrollout.time.RolloutClock;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONNull;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Staged Rollouts page and its API over an index of six real (core-made) rollouts in three jobs: content and
 * order, every filter, who sees what (the job "secret" is readable by the manager and the administrator only), the
 * remote API with {@code tree=}, bad filters, and the index following deleted and renamed jobs.
 */
@WithJenkins
class RolloutDashboardTest {

    private static final TeamId INFN = TeamId.parse(RolloutTestSupport.INFN);
    private static final TeamId CESGA = Fixture.CESGA;
    private static final String DPM = "Staged Rollout UMD-4 dpm 1.8.0-1 el9 x86_64";
    private static final String BDII = "Staged Rollout UMD-4 bdii-site 1.0.1-1 el9 x86_64";
    private static final String CREAM = "Staged Rollout CMD-1 cream 1.0.0-1";
    private static final String ARGUS = "Staged Rollout UMD-4 argus 1.7.0-1 el9 x86_64";
    private static final String STORM = "Staged Rollout UMD-4 storm 2.0.0-1 el9 x86_64";
    private static final String APEL = "Staged Rollout CMD-1 apel 2.0.0-1";
    /** The dashboard's now: six hours after the first rollout opened. */
    private static final Instant NOW = Fixture.START.plus(Duration.ofHours(6));

    @TempDir
    Path repos;

    @TempDir
    Path logs;

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        RolloutTestSupport.setUp(j, repos);
        FreeStyleProject umd = j.createFreeStyleProject("umd-a");
        FreeStyleProject cmd = j.createFreeStyleProject("cmd-b");
        FreeStyleProject secret = j.createFreeStyleProject("secret");
        // Overall/Read for logged-in users only; "secret" only for the manager (and the administrator).
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .toAuthenticated()
                .grant(Item.READ)
                .onItems(umd, cmd)
                .toAuthenticated()
                .grant(Item.READ)
                .onItems(secret)
                .to("manager")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));

        IndexedRollouts rollouts = new IndexedRollouts(logs);
        rollouts.index("umd-a", 1, DPM, List.of(INFN, CESGA), s -> {});
        rollouts.later(Duration.ofHours(1));
        rollouts.index(
                "umd-a", 2, BDII, List.of(INFN, CESGA), s -> s.answer(Fixture.ALICE, INFN, AnswerKind.ACCEPT, "ok"));
        rollouts.later(Duration.ofHours(1));
        rollouts.index("cmd-b", 1, CREAM, List.of(CESGA), s -> {});
        rollouts.later(Duration.ofHours(1));
        rollouts.index("umd-a", 3, ARGUS, List.of(INFN), s -> s.decide(Actor.SYSTEM, Decision.REJECT, "regression"));
        rollouts.later(Duration.ofHours(1));
        rollouts.index("secret", 1, STORM, List.of(INFN), s -> {});
        rollouts.later(Duration.ofHours(1));
        rollouts.index("cmd-b", 2, APEL, List.of(CESGA), s -> s.abort(Actor.SYSTEM, "superseded"));
        RolloutClock.set(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void realTime() {
        RolloutClock.set(Clock.systemUTC());
    }

    private JSONObject api(String user, String query) throws Exception {
        return j.createWebClient()
                .login(user)
                .getJSON("staged-rollouts/api/json" + query)
                .getJSONObject();
    }

    private static List<String> titles(JSONObject api, String list) {
        List<String> out = new ArrayList<>();
        for (Object row : api.getJSONArray(list)) {
            out.add(((JSONObject) row).getString("title"));
        }
        return out;
    }

    @Test
    void openRolloutsComeFirstByNextDeadlineThenTheRecentOutcomes() throws Exception {
        JSONObject all = api("admin", "");
        assertEquals(List.of(DPM, BDII, CREAM, STORM), titles(all, "open"));
        assertEquals(List.of(APEL, ARGUS), titles(all, "recent"), "newest decision first");

        JSONObject dpm = all.getJSONArray("open").getJSONObject(0);
        assertEquals("umd-a", dpm.getString("job"));
        assertEquals(1, dpm.getInt("build"));
        assertEquals("job/umd-a/1/rollout/", dpm.getString("url"));
        assertEquals("UMD-4", dpm.getString("stack"));
        assertEquals("AWAITING_ANSWERS", dpm.getString("state"));
        assertEquals(List.of(INFN.id(), CESGA.id()), dpm.getJSONArray("invited"));
        assertEquals(List.of(INFN.id(), CESGA.id()), dpm.getJSONArray("silent"));
        assertEquals(List.of(), dpm.getJSONArray("accepted"));
        assertEquals("2026-11-25T21:00:00Z", dpm.getString("nextDeadline"), "the halfway reminder is due next");
        assertEquals(Duration.ofHours(6).toSeconds(), dpm.getLong("secondsToDeadline"));
        assertEquals(0, dpm.getInt("daysInTesting"));
        assertEquals(Fixture.START.toString(), dpm.getString("stagedAt"));
        assertEquals(JSONNull.getInstance(), dpm.get("decidedAt"), "not decided yet");

        JSONObject bdii = all.getJSONArray("open").getJSONObject(1);
        assertEquals("SOAK", bdii.getString("state"));
        assertEquals(List.of(INFN.id()), bdii.getJSONArray("accepted"));
        assertEquals(List.of(CESGA.id()), bdii.getJSONArray("silent"));
        assertEquals(List.of(INFN.id(), CESGA.id()), bdii.getJSONArray("waitingFor"), "INFN's report is due");

        JSONObject argus = all.getJSONArray("recent").getJSONObject(1);
        assertEquals("REJECT", argus.getString("outcome"));
        assertEquals("REJECTED", argus.getString("state"));
        assertFalse(argus.getBoolean("open"));

        // The page: every open rollout with its links, counts, deadline date and countdown; then the outcomes.
        StagedRolloutConfiguration.get().setTimeZone("Europe/Amsterdam");
        HtmlPage page = j.createWebClient().login("admin").goTo("staged-rollouts/");
        String text = page.asNormalizedText();
        assertTrue(text.contains("Open rollouts (4)"), text);
        assertTrue(text.contains("Recent outcomes (2)"), text);
        assertTrue(
                text.contains("Wed 2026-11-25 22:00 Europe/Amsterdam"), "the deadline in the calendar's zone: " + text);
        assertTrue(text.contains("in 6 h 0 min"), text);
        List<String> hrefs =
                page.getAnchors().stream().map(HtmlAnchor::getHrefAttribute).toList();
        for (String link : List.of("job/umd-a/1/rollout/", "job/umd-a/", "job/umd-a/1/", "job/cmd-b/2/rollout/")) {
            assertTrue(hrefs.contains(j.contextPath + "/" + link), link + " is linked: " + hrefs);
        }

        // Three days later the reminder is overdue and the releases have been in testing for three days.
        RolloutClock.set(Clock.fixed(NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC));
        JSONObject later = api("admin", "");
        assertEquals(3, later.getJSONArray("open").getJSONObject(0).getInt("daysInTesting"));
        assertTrue(j.createWebClient()
                .login("admin")
                .goTo("staged-rollouts/")
                .asNormalizedText()
                .contains("2 d 18 h ago"));
    }

    @Test
    void filtersByStackStateAndTeam() throws Exception {
        JSONObject cmd = api("admin", "?stack=CMD");
        assertEquals(List.of(CREAM), titles(cmd, "open"));
        assertEquals(List.of(APEL), titles(cmd, "recent"));
        assertEquals(List.of(DPM, BDII, STORM), titles(api("admin", "?stack=umd-4"), "open"));
        assertEquals(List.of(BDII), titles(api("admin", "?state=SOAK"), "open"));
        assertEquals(List.of(ARGUS), titles(api("admin", "?state=rejected"), "recent"));
        JSONObject cesga = api("admin", "?team=NGI_IBERGRID-CESGA");
        assertEquals(List.of(DPM, BDII, CREAM), titles(cesga, "open"));
        assertEquals(List.of(APEL), titles(cesga, "recent"));
        assertEquals(CESGA.id(), cesga.getJSONObject("filters").getString("team"));
        assertEquals(
                List.of(), titles(api("admin", "?stack=UMD&team=" + CESGA.id() + "&state=STAGED_ROLLOUT"), "open"));

        // The team's view (where invitation mails link to) shows its status in each rollout.
        String page = j.createWebClient()
                .login("admin")
                .goTo("staged-rollouts/?team=" + INFN.id())
                .asNormalizedText();
        assertTrue(page.contains("Staged Rollouts of team " + INFN.id()), page);
        assertTrue(page.contains("Open rollouts (3)"), page);
        assertFalse(page.contains(CREAM), page);
    }

    @Test
    void waitingForMyTeamAndMineToDecide() throws Exception {
        // alice is in INFN; the storm rollout waits for INFN too, but in a job she may not read.
        JSONObject alice = api("alice", "?mine=waiting");
        assertEquals(List.of(DPM, BDII), titles(alice, "open"));
        assertEquals(List.of(ARGUS), titles(alice, "recent"), "outcomes of rollouts her team was invited to");
        JSONObject bob = api("bob", "?mine=waiting");
        assertEquals(List.of(), titles(bob, "open"), "bob's team KIT is invited to none");
        assertEquals(List.of(), titles(bob, "recent"));

        // The manager manages UMD, not CMD, and may read "secret"; alice manages nothing.
        JSONObject manager = api("manager", "?mine=decide");
        assertEquals(List.of(DPM, BDII, STORM), titles(manager, "open"));
        assertEquals(List.of(ARGUS), titles(manager, "recent"));
        assertEquals(List.of(), titles(api("alice", "?mine=decide"), "open"));
        assertEquals(List.of(DPM, BDII, CREAM, STORM), titles(api("admin", "?mine=decide"), "open"));
    }

    @Test
    void rolloutsOfJobsTheViewerMayNotReadAreNeitherShownNorCounted() throws Exception {
        assertEquals(List.of(DPM, BDII, CREAM), titles(api("alice", ""), "open"));
        assertEquals(List.of(DPM, BDII), titles(api("alice", "?team=" + INFN.id()), "open"));
        assertEquals(List.of(DPM, BDII, CREAM, STORM), titles(api("manager", ""), "open"));
        String page =
                j.createWebClient().login("alice").goTo("staged-rollouts/").asNormalizedText();
        assertTrue(page.contains("Open rollouts (3)"), page);
        assertFalse(page.contains("storm"), page);
        assertFalse(page.contains("secret"), page);

        // Without Overall/Read there is no page and no API at all.
        JenkinsRule.WebClient anonymous = j.createWebClient();
        anonymous.assertFails("staged-rollouts/", 403);
        anonymous.assertFails("staged-rollouts/api/json", 403);
    }

    @Test
    void theRemoteApiHonoursTree() throws Exception {
        JSONObject tree = api("admin", "?tree=open[title,state,teams[team,status]]&stack=UMD");
        assertEquals(Set.of("_class", "open"), tree.keySet());
        JSONArray open = tree.getJSONArray("open");
        assertEquals(3, open.size());
        JSONObject bdii = open.getJSONObject(1);
        assertEquals(Set.of("title", "state", "teams"), bdii.keySet());
        JSONObject infn = bdii.getJSONArray("teams").getJSONObject(0);
        assertEquals(INFN.id(), infn.getString("team"));
        assertEquals("ACCEPTED", infn.getString("status"));
        assertNull(infn.opt("waiting"), "only what tree= asked for");

        Page xml = j.createWebClient()
                .login("admin")
                .goTo("staged-rollouts/api/xml?tree=recent[outcome]", "application/xml");
        assertTrue(xml.getWebResponse().getContentAsString().contains("<outcome>ABORTED</outcome>"));
    }

    @Test
    void aBadFilterIsRefusedNamingTheValuesThatWork() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login("alice").withThrowExceptionOnFailingStatusCode(false);
        for (String[] bad : new String[][] {
            {"?state=WAITING", "State \"WAITING\" is not a rollout state. Use one of IN_VERIFICATION, STAGED_ROLLOUT"},
            {"?mine=all", "mine=\"all\" is not known. Use mine=waiting"},
            {"?team=INFN", "Team 'INFN' is not an Early Adopter team id"}
        }) {
            for (String path : List.of("staged-rollouts/", "staged-rollouts/api/json")) {
                Page page = wc.goTo(path + bad[0], null);
                // The message as Jetty's error page shows it, HTML-escaped.
                String body = page.getWebResponse()
                        .getContentAsString()
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'");
                assertEquals(400, page.getWebResponse().getStatusCode(), path + bad[0]);
                assertTrue(body.contains(bad[1]), body);
                assertFalse(body.contains("at io.jenkins"), "no stack trace: " + body);
            }
        }
    }

    @Test
    void aDeletedJobLeavesTheIndexAndARenamedOneTakesItsRolloutsAlong() throws Exception {
        j.jenkins.getItemByFullName("cmd-b", FreeStyleProject.class).renameTo("cmd-c");
        JSONObject renamed = api("admin", "?stack=CMD");
        assertEquals(
                "job/cmd-c/1/rollout/",
                renamed.getJSONArray("open").getJSONObject(0).getString("url"));
        assertEquals("cmd-c", renamed.getJSONArray("recent").getJSONObject(0).getString("job"));

        j.jenkins.getItemByFullName("umd-a", FreeStyleProject.class).delete();
        assertEquals(List.of(CREAM, STORM), titles(api("admin", ""), "open"));
        assertEquals(List.of(APEL), titles(api("admin", ""), "recent"));
        assertTrue(
                RolloutIndex.get().entries().stream().noneMatch(e -> e.getJob().equals("umd-a")));
        // The file follows the change within the write delay, and then nothing is left unsaved.
        RolloutTestSupport.waitUntil(
                () -> storedEntries() == 3 && !new File(j.jenkins.getRootDir(), RolloutIndex.UNSAVED_MARKER).exists(),
                "the index file to follow the deletion");
    }

    private static int storedEntries() {
        try {
            return ((RolloutIndex.Stored) RolloutIndex.file().read()).rollouts().size();
        } catch (IOException e) {
            return -1;
        }
    }
}
