package io.jenkins.plugins.stagedrollout.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Plain UTF-8 text: a file to save under its name, or a one-line refusal that a script or {@code curl} shows as it
 * is (Jenkins' error page would wrap it in HTML).
 */
final class TextReply implements HttpResponse {

    private final int status;
    private final String text;

    @CheckForNull
    private final String fileName;

    private TextReply(int status, String text, @CheckForNull String fileName) {
        this.status = status;
        this.text = text;
        this.fileName = fileName;
    }

    static TextReply attachment(String fileName, String text) {
        return new TextReply(200, text, fileName);
    }

    static TextReply notFound(String message) {
        return new TextReply(404, message + "\n", null);
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("text/plain;charset=UTF-8");
        if (fileName != null) {
            rsp.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        }
        rsp.getWriter().write(text);
    }
}
