package io.jenkins.plugins.stagedrollout.core.closure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a requirement can be met from a {@link ProviderIndex} and, when not, says why. Boolean
 * dependencies follow dnf: {@code or} needs one side, {@code with} one package meeting both, {@code without} one
 * meeting the first and not the second, {@code if}/{@code unless} the branch that applies when the condition holds
 * (a closure check cannot know the condition, so it is taken as possible, as {@code dnf repoclosure} takes it).
 * Two cases are stricter than {@code dnf repoclosure}, whose provider lookup merges both sides: {@code and} needs
 * both sides, and {@code if ... else} needs both branches, because dnf's solver refuses to install such a package
 * when one is missing.
 */
final class RequirementCheck {

    private static final int SHOWN = 3;

    private final ProviderIndex index;

    RequirementCheck(ProviderIndex index) {
        this.index = index;
    }

    /** @return empty when met, else why not */
    Optional<String> unmet(Requirement requirement) {
        if (requirement instanceof Requirement.Simple simple) {
            return index.meets(simple.capability()) ? Optional.empty() : Optional.of(whyNot(simple.capability()));
        }
        if (requirement instanceof Requirement.Unreadable unreadable) {
            return Optional.of(unreadable.why());
        }
        Requirement.Rich rich = (Requirement.Rich) requirement;
        return switch (rich.operator()) {
            case AND -> unmet(rich.left()).or(() -> unmet(rich.right()));
            case OR -> {
                Optional<String> left = unmet(rich.left());
                Optional<String> right = left.isEmpty() ? Optional.empty() : unmet(rich.right());
                yield left.isEmpty() || right.isEmpty() ? Optional.empty() : Optional.of(left.get() + ", and " + right.get());
            }
            case IF, UNLESS -> {
                String condition = (rich.operator() == Requirement.Operator.IF ? "when " : "unless ") + rich.right().text();
                Optional<String> then = unmet(rich.left()).map(why -> why + " (needed " + condition + " is installed)");
                yield then.or(() -> rich.otherwise() == null ? Optional.empty()
                        : unmet(rich.otherwise()).map(why -> why + " (needed " + (rich.operator() == Requirement.Operator.IF ? "unless " : "when ")
                                + rich.right().text() + " is installed)"));
            }
            case WITH, WITHOUT -> {
                Set<String> left = packages(rich.left());
                Set<String> right = packages(rich.right());
                Set<String> both = new LinkedHashSet<>(left);
                if (rich.operator() == Requirement.Operator.WITH) {
                    both.retainAll(right);
                } else {
                    both.removeAll(right);
                }
                if (!both.isEmpty()) {
                    yield Optional.empty();
                }
                if (left.isEmpty()) {
                    yield unmet(rich.left());
                }
                yield Optional.of(rich.operator() == Requirement.Operator.WITH
                        ? "no package meets both " + rich.left().text() + " and " + rich.right().text() + " (" + shown(left) + " meet only the first)"
                        : "every package that meets " + rich.left().text() + " also meets " + rich.right().text() + " (" + shown(left) + ")");
            }
        };
    }

    /** The packages (NEVRAs) that meet a requirement: for {@code with}/{@code without} operands. */
    private Set<String> packages(Requirement requirement) {
        if (requirement instanceof Requirement.Simple simple) {
            return providers(simple.capability());
        }
        if (requirement instanceof Requirement.Unreadable) {
            return Set.of();
        }
        Requirement.Rich rich = (Requirement.Rich) requirement;
        Set<String> left = packages(rich.left());
        Set<String> right = packages(rich.right());
        Set<String> result = new LinkedHashSet<>(left);
        switch (rich.operator()) {
            case WITH, AND -> result.retainAll(right);
            case WITHOUT -> result.removeAll(right);
            default -> result.addAll(right);
        }
        return result;
    }

    private Set<String> providers(Capability wanted) {
        Set<String> found = new LinkedHashSet<>();
        for (ProviderIndex.Provider provider : index.providers(wanted.name())) {
            if (provider.capability().satisfies(wanted)) {
                found.add(provider.pkg().nevra());
            }
        }
        if (wanted.name().startsWith("/") && wanted.comparison() == null) {
            index.fileOwners(wanted.name()).forEach(owner -> found.add(owner.nevra()));
        }
        return found;
    }

    private String whyNot(Capability wanted) {
        List<ProviderIndex.Provider> sameName = index.providers(wanted.name());
        if (!sameName.isEmpty()) {
            String offered = sameName.stream().map(p -> p.capability() + " (" + p.pkg().nevra() + ")").distinct().limit(SHOWN)
                    .collect(Collectors.joining(", "));
            return "only other versions are provided: " + offered + (sameName.size() > SHOWN ? ", ..." : "");
        }
        Set<String> elsewhere = new LinkedHashSet<>(ProviderIndex.names(index.otherArchProviders(wanted.name())));
        if (wanted.name().startsWith("/")) {
            index.otherArchFileOwners(wanted.name()).forEach(owner -> elsewhere.add(owner.nevra()));
        }
        if (!elsewhere.isEmpty()) {
            return "only packages of another architecture provide it (" + shown(elsewhere) + "), which clients of this repository do not"
                    + " install";
        }
        return wanted.name().startsWith("/") ? "no package contains the file " + wanted.name() : "nothing provides " + wanted.name();
    }

    private static String shown(Set<String> nevras) {
        return nevras.stream().limit(SHOWN).collect(Collectors.joining(", ")) + (nevras.size() > SHOWN ? ", ..." : "");
    }
}
