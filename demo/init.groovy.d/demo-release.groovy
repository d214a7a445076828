// Staged Rollout demo (./run-demo): Jenkins runs this at every start (the demo points Jenkins' Groovy hook scripts at
// demo/), after configuration as code (demo/jenkins.yaml) has set security, teams and managers. It creates the
// demo-release Pipeline job once, with the script of examples/release-scripted.Jenkinsfile (the demo runs what the
// docs show), and prints where to go. The plugin's DemoReleaseTest runs this same script.
import hudson.tasks.Mailer
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration
import jenkins.model.Jenkins
import jenkins.model.JenkinsLocationConfiguration
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob
import org.yaml.snakeyaml.Yaml

// This file is demo/init.groovy.d/demo-release.groovy.
File demo = new File(getClass().protectionDomain.codeSource.location.toURI()).parentFile.parentFile
File example = new File(demo.parentFile, 'examples/release-scripted.Jenkinsfile')

Jenkins jenkins = Jenkins.get()
if (jenkins.getItem('demo-release') == null) {
    WorkflowJob job = jenkins.createProject(WorkflowJob, 'demo-release')
    job.description = 'The Staged Rollout of bdii-site 1.0.1-1 (UMD-4, el9 x86_64): the script of ' +
            'examples/release-scripted.Jenkinsfile.'
    job.definition = new CpsFlowDefinition(example.getText('UTF-8'), true)
    job.save()
}

def users = new Yaml().load(new File(demo, 'jenkins.yaml').getText('UTF-8')).jenkins.securityRealm.local.users
String url = JenkinsLocationConfiguration.get().url
String repos = System.getProperty('STAGED_ROLLOUT_DEMO_REPOS', '(repository root)')
def replies = StagedRolloutConfiguration.get().mailReplies
String mail = Jenkins.get().servletContext.getAttribute('io.jenkins.plugins.stagedrollout.demo.GreenMail') == null
        ? 'No demo mail server is running (see the console above): invitations are not delivered.'
        : "Mail stays on this machine: the demo's mail server (demo-mail.groovy; SMTP 127.0.0.1:" +
          "${Mailer.descriptor().smtpPort}, IMAP 127.0.0.1:${replies.port})\nkeeps every mail, and this console " +
          'prints each one as "[demo mail] to <address>: <subject>".'
println """
======================================== Staged Rollout demo ========================================
Open ${url} (this machine only) and log in as (user / password):
${users.collect { "  ${it.id.padRight(8)} / ${it.password.padRight(13)} ${it.name}" }.join('\n')}
${mail}
1. As manager: open demo-release, click Build Now (it promotes bdii-site 1.0.1-1 from untested to testing).
2. Open build #1 > Staged Rollout: the teams are invited by mail (see this console). As alice (and bob):
   Accept, then fill in the report (a test per line) and click File report.
   Or answer by mail, as a team's contact replying to its invitation: under each invitation this console
   prints a printf | curl command that sends the reply "accept <team>" to the invitation's Reply-To.
   Jenkins reads the reply mailbox every minute, records the answer and mails the outcome back.
3. As manager, on the same page: Decide ACCEPT. The build promotes the release to production and succeeds.
   What a client sees: dnf repoquery -q --releasever=9 --disablerepo='*' --repofrompath=prod,file://${repos}/production/el9/x86_64 \\
       --setopt=cachedir=/tmp/demo-dnf --nogpgcheck
Stop with Ctrl-C; the next ./run-demo starts where you left off (rm -rf plugin/work starts afresh).
======================================================================================================
"""
