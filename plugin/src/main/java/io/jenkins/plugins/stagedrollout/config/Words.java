package io.jenkins.plugins.stagedrollout.config;

import hudson.Util;
import java.util.Arrays;
import java.util.List;

/** Lists typed in one form field or YAML string: items separated by commas or white space. */
public final class Words {

    private Words() {}

    public static List<String> of(String text) {
        return Arrays.stream(Util.fixNull(text).split("[,\\s]+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
