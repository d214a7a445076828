package io.jenkins.plugins.stagedrollout.core.closure;

import java.io.Serializable;

/**
 * One requirement nothing meets.
 *
 * @param packageNevra the package that requires it (as dnf prints it)
 * @param requirement  the requirement as rpm shows it
 * @param why          why nothing meets it, e.g. {@code nothing provides libfoo.so.2()(64bit)}
 */
public record Unresolved(String packageNevra, String requirement, String why) implements Serializable {

    @Override
    public String toString() {
        return packageNevra + " requires " + requirement + ": " + why;
    }
}
