// Staged Rollout demo (./run-demo): the demo's mail server. Jenkins runs this at every start, before demo-release.groovy
// and after configuration as code (demo/jenkins.yaml) has pointed Jenkins' mail (unclassified: mailer) at an SMTP
// server on 127.0.0.1 and the plugin's reply reader (stagedRollout: mailReplies) at an IMAP mailbox there. This script
// starts that server inside Jenkins: GreenMail, as the plugin's tests use, on the ports the yaml names, with the reply
// mailbox's user from the yaml's credential. Every mail sent is kept (nothing leaves the machine) and printed on the
// console as "[demo mail] ...". Like most mail servers, it delivers plus addresses (rollouts+sr-<token>@...) to the
// mailbox without the plus part. ./run-demo adds GreenMail to the class path (Maven profile demo); the plugin's
// DemoReleaseTest runs this same script and finds the server under the servlet context attribute below.
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials
import com.icegreen.greenmail.mail.MailAddress
import com.icegreen.greenmail.mail.MovingMessage
import com.icegreen.greenmail.user.GreenMailUser
import com.icegreen.greenmail.user.MessageDeliveryHandler
import com.icegreen.greenmail.user.UserManager
import com.icegreen.greenmail.util.GreenMail
import com.icegreen.greenmail.util.GreenMailUtil
import com.icegreen.greenmail.util.ServerSetup
import hudson.tasks.Mailer
import io.jenkins.plugins.stagedrollout.config.MailReplyConfig
import io.jenkins.plugins.stagedrollout.config.StagedRolloutConfiguration
import jakarta.mail.internet.MimeMessage
import jenkins.model.Jenkins

final String ATTRIBUTE = 'io.jenkins.plugins.stagedrollout.demo.GreenMail'
final String LOOPBACK = '127.0.0.1'

def context = Jenkins.get().servletContext
if (context.getAttribute(ATTRIBUTE) != null) {
    return // already running in this JVM
}
Mailer.DescriptorImpl mailer = Mailer.descriptor()
MailReplyConfig replies = StagedRolloutConfiguration.get().mailReplies
if (mailer.smtpHost != LOOPBACK || replies == null || replies.host != LOOPBACK) {
    println '[demo mail] Jenkins mail is not configured on 127.0.0.1 (demo/jenkins.yaml): no demo mail server started'
    return
}
def login = SystemCredentialsProvider.instance.credentials.find { it.id == replies.credentialsId }
if (!(login instanceof StandardUsernamePasswordCredentials)) {
    println "[demo mail] no username/password credential '${replies.credentialsId}' for the reply mailbox: " +
            'no demo mail server started'
    return
}
int smtpPort = mailer.smtpPort as int
GreenMail mail = new GreenMail([
        new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(replies.port, LOOPBACK, ServerSetup.PROTOCOL_IMAP)] as ServerSetup[])
UserManager users = mail.managers.userManager
users.messageDeliveryHandler = { MovingMessage message, MailAddress to ->
    String address = to.email.replaceFirst(/\+[^@]*@/, '@') // recipient_delimiter = +
    GreenMailUser user = users.getUserByEmail(address) ?: users.createUser(address, address, address)
    report(message.message, to.email, smtpPort)
    return user
} as MessageDeliveryHandler
try {
    mail.start()
} catch (RuntimeException e) {
    mail.stop()
    println "[demo mail] could not start the demo mail server on ports ${smtpPort} and ${replies.port} " +
            "(in use? DEMO_PORT changes them): ${e}"
    return
}
mail.setUser(replies.replyAddress, login.username, login.password.plainText)
context.setAttribute(ATTRIBUTE, mail)
println "[demo mail] SMTP on ${LOOPBACK}:${smtpPort}, IMAP on ${LOOPBACK}:${replies.port} " +
        "(reply mailbox ${replies.replyAddress}, read every ${replies.pollMinutes} min)"

/** Prints a mail as it is delivered; for an invitation or reminder, how to answer it by mail from a shell. */
static void report(MimeMessage m, String to, int smtpPort) {
    String replyTo = m.replyTo?.find()?.toString()
    String from = m.from?.find()?.toString()
    System.out.println("[demo mail] to ${to}: ${m.subject}" + (replyTo && replyTo != from ? " (Reply-To ${replyTo})" : ''))
    def accept = GreenMailUtil.getBody(m) =~ /(?m)^ {2}(accept \S+)\r?$/
    if (replyTo && accept) {
        String reply = [
                "From: ${to}",
                "To: ${replyTo}",
                "Subject: Re: ${m.subject}",
                '',
                accept[0][1]].collect { "'" + it.toString().replace("'", "'\\''") + "'" }.join(' ')
        System.out.println("[demo mail]   answer by mail: printf '%s\\r\\n' ${reply} | curl -sS " +
                "smtp://127.0.0.1:${smtpPort} --mail-from ${to} --mail-rcpt '${replyTo}' -T -")
    }
}
