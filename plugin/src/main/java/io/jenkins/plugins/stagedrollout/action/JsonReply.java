package io.jenkins.plugins.stagedrollout.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code {"status":"ok","data":{...}}}, the shape of {@code hudson.util.HttpResponses.okJSON}, written by Jackson.
 * okJSON goes through json-lib, which parses string values that look like JSON ({@code "null"}, {@code "[x]"},
 * {@code "{a}"}) into JSON values, so a team's comment could come back as an array or a null.
 */
final class JsonReply implements HttpResponse {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Object> body;

    private JsonReply(Map<String, Object> body) {
        this.body = body;
    }

    /** The plain values of the core's views (String, Boolean, Integer, List, Map), written as they are. */
    static JsonReply ok(Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("data", data);
        return new JsonReply(body);
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException {
        String json = MAPPER.writeValueAsString(body);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.getWriter().write(json);
    }
}
