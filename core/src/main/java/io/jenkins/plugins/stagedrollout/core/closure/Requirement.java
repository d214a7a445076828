package io.jenkins.plugins.stagedrollout.core.closure;

/**
 * What a package requires: a simple capability or an rpm rich (boolean) dependency such as
 * {@code (bdii-selinux if selinux-policy-targeted)} or {@code (python3-ldap or python3-pyldap)}.
 */
public sealed interface Requirement permits Requirement.Simple, Requirement.Rich, Requirement.Unreadable {

    /** The text as rpm shows it. */
    String text();

    /** A plain capability, with an optional version relation. */
    record Simple(Capability capability) implements Requirement {
        @Override
        public String text() {
            return capability.toString();
        }
    }

    /** A requirement that cannot be read: nothing can meet it, and the check says why. */
    record Unreadable(String text, String why) implements Requirement {
    }

    /** The operators of rpm's boolean dependencies. */
    enum Operator {
        AND, OR, IF, UNLESS, WITH, WITHOUT;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code (left op right)}, or {@code (left if|unless right else otherwise)}.
     *
     * @param otherwise the {@code else} branch, null when there is none
     */
    record Rich(Operator operator, Requirement left, Requirement right, Requirement otherwise) implements Requirement {
        @Override
        public String text() {
            return "(" + body() + ")";
        }

        /** A chain of one operator ({@code a or b or c}) nests to the left and is written flat, as in the spec. */
        private String body() {
            boolean chained = left instanceof Rich inner && inner.operator == operator && inner.otherwise == null && otherwise == null
                    && (operator == Operator.AND || operator == Operator.OR || operator == Operator.WITH);
            return (chained ? ((Rich) left).body() : left.text()) + " " + operator.word() + " " + right.text()
                    + (otherwise == null ? "" : " else " + otherwise.text());
        }
    }

    /**
     * The requirement a primary.xml {@code rpm:entry} describes: a rich dependency is written whole into its name.
     *
     * @throws IllegalArgumentException when the name is empty or the version incomplete
     */
    static Requirement of(String name, Comparison comparison, Evr evr) {
        if (name.startsWith("(")) {
            try {
                return new RichParser(name).parse();
            } catch (IllegalArgumentException e) {
                return new Unreadable(name, e.getMessage());
            }
        }
        return new Simple(new Capability(name, comparison, evr));
    }
}
