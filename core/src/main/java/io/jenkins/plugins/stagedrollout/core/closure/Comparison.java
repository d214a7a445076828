package io.jenkins.plugins.stagedrollout.core.closure;

/** The relation of a versioned dependency, with the flags primary.xml writes for it. */
public enum Comparison {
    LT("<", true, false, false),
    LE("<=", true, true, false),
    EQ("=", false, true, false),
    GE(">=", false, true, true),
    GT(">", false, false, true);

    private final String symbol;
    private final boolean less;
    private final boolean equal;
    private final boolean greater;

    Comparison(String symbol, boolean less, boolean equal, boolean greater) {
        this.symbol = symbol;
        this.less = less;
        this.equal = equal;
        this.greater = greater;
    }

    public String symbol() {
        return symbol;
    }

    /** The {@code flags} attribute of primary.xml (EQ, LT, ...), or the operator of a rich dependency. */
    public static Comparison of(String text) {
        return switch (text) {
            case "LT", "<" -> LT;
            case "LE", "<=", "=<" -> LE;
            case "EQ", "=", "==" -> EQ;
            case "GE", ">=", "=>" -> GE;
            case "GT", ">" -> GT;
            default -> throw new IllegalArgumentException("unknown comparison '" + text + "'");
        };
    }

    /**
     * Whether the version ranges {@code this a} and {@code other b} share a version (rpm's {@code rpmdsCompare}):
     * {@code = 2.0} overlaps {@code >= 1.0}, {@code < 1.0} does not.
     */
    boolean overlaps(Evr a, Comparison other, Evr b) {
        int sense = a.compareTo(b);
        if (sense < 0) {
            return greater || other.less;
        }
        if (sense > 0) {
            return less || other.greater;
        }
        return (equal && other.equal) || (less && other.less) || (greater && other.greater);
    }
}
