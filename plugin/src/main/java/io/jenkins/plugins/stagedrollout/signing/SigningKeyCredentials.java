package io.jenkins.plugins.stagedrollout.signing;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.stagedrollout.Messages;
import io.jenkins.plugins.stagedrollout.agent.RepositorySpec;
import java.io.IOException;
import java.io.InputStream;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * The repository signing key as a "Secret file" credential (plain-credentials): an ASCII-armored secret key
 * exported with {@code gpg --export-secret-keys --armor KEYID}, without a passphrase. It is read on the controller
 * for one repository operation, with the permissions of the build, and its use is tracked on the build.
 */
public final class SigningKeyCredentials {

    private SigningKeyCredentials() {}

    /** The key bytes of the spec's credential, or null when the spec signs with a GnuPG home or not at all. */
    @CheckForNull
    @SuppressFBWarnings(value = "PZLA_PREFER_ZERO_LENGTH_ARRAYS", justification = "No credential is not an empty key.")
    public static byte[] read(Run<?, ?> run, RepositorySpec spec) throws IOException {
        String id = spec.signingKeyCredentialsId();
        if (id == null) {
            return null;
        }
        FileCredentials key = CredentialsProvider.findCredentialById(id, FileCredentials.class, run);
        if (key == null) {
            throw new AbortException(Messages.SigningKeyCredentials_NotFound(id));
        }
        CredentialsProvider.track(run, key);
        try (InputStream content = key.getContent()) {
            return content.readAllBytes();
        }
    }

    /**
     * The secret file credentials a form may offer: those visible to the job ({@code item}), or the global ones
     * for the system configuration ({@code item} null). Only people who may configure or use credentials in that
     * context see the list; others get the current value alone, so no credential ids leak.
     */
    public static ListBoxModel fillItems(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (item == null
                ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : !item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(value);
        }
        if (item == null) {
            result.includeEmptyValue().includeAs(ACL.SYSTEM2, Jenkins.get(), FileCredentials.class);
        } else {
            result.includeEmptyValue().includeAs(ACL.SYSTEM2, item, FileCredentials.class);
        }
        return result.includeCurrentValue(value);
    }
}
