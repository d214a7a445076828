package io.jenkins.plugins.stagedrollout;

import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.INFN;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.RPM;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.answer;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.awaitInvitations;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.post;
import static io.jenkins.plugins.stagedrollout.RolloutTestSupport.served;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.Result;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The three steps in a declarative Pipeline, as a release engineer would write it. */
@WithJenkins
class DeclarativePipelineTest {

    @TempDir
    Path repos;

    @Test
    void declarativeReleaseWithAllThreeSteps(JenkinsRule j) throws Exception {
        RolloutTestSupport.assumeCreaterepo();
        RolloutTestSupport.setUp(j, repos);
        WorkflowJob job = j.createProject(WorkflowJob.class, "declarative");
        job.setDefinition(new CpsFlowDefinition("""
                pipeline {
                  agent none
                  stages {
                    stage('Staged Rollout') {
                      steps {
                        stagedRollout(stack: 'UMD-4', component: 'bdii-site', version: '1.0.1-1', os: 'el9', arch: 'x86_64') {
                          node('built-in') {
                            promoteRepo(from: 'untested', to: 'testing', packages: ['bdii-site-1.0.1-1.noarch.rpm'])
                          }
                          script {
                            def answers = waitForEarlyAdopters(teams: ['ea-NGI_IT-INFN-T1'])
                            echo "outcome=${answers.outcome} accepted=${answers.accepted}"
                          }
                          node('built-in') {
                            promoteRepo(from: 'testing', to: 'production')
                          }
                        }
                      }
                    }
                  }
                }
                """, true));
        WorkflowRun build = job.scheduleBuild2(0).waitForStart();
        awaitInvitations(j, build);
        assertEquals(200, answer(j, build, "alice", INFN, "accept", null));
        assertEquals(
                200,
                post(
                        j.createWebClient().login("manager"),
                        build,
                        "decide",
                        "decision",
                        "ACCEPT",
                        "reason",
                        "works at INFN"));
        j.assertBuildStatus(Result.SUCCESS, j.waitForCompletion(build));
        j.assertLogContains("outcome=ACCEPT accepted=[" + INFN + "]", build);
        assertEquals(List.of(RPM), served(repos, "production"));
    }
}
