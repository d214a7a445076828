package io.jenkins.plugins.stagedrollout.core.report;

import io.jenkins.plugins.stagedrollout.core.release.InvalidNameException;
import java.io.Serializable;
import java.util.Base64;

/**
 * The report document: either its content (kept in the event log, base64, so it survives a restart) or a
 * reference (URL or document id) when it lives elsewhere. Exactly one of the two.
 */
public record Attachment(String name, String contentBase64, String reference) implements Serializable {
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public Attachment {
        if (name == null || name.isBlank()) {
            throw new InvalidNameException("The attachment has no file name; name it ea-<NGI>-<Site-name>-<MW stack>-<component>-<version>.<ext>");
        }
        if ((contentBase64 == null) == (reference == null)) {
            throw new InvalidNameException("Attachment " + name + " needs exactly one of content or reference; give the file or a link, not both or neither");
        }
        if (contentBase64 != null && Base64.getDecoder().decode(contentBase64).length > MAX_BYTES) {
            throw new InvalidNameException("Attachment " + name + " is larger than " + MAX_BYTES
                    + " bytes; store it in the document server and give its reference instead");
        }
    }

    public static Attachment ofBytes(String name, byte[] content) {
        return new Attachment(name, Base64.getEncoder().encodeToString(content), null);
    }

    public static Attachment ofReference(String name, String reference) {
        return new Attachment(name, null, reference);
    }

    public byte[] bytes() {
        return contentBase64 == null ? new byte[0] : Base64.getDecoder().decode(contentBase64);
    }
}
