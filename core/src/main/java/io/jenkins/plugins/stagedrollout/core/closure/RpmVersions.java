package io.jenkins.plugins.stagedrollout.core.closure;

/**
 * Version comparison as rpm and libsolv do it ({@code rpmvercmp}): alternating runs of digits and letters compared
 * run by run, digits numerically and above letters, {@code ~} below everything (pre-releases: 1.0~rc1 &lt; 1.0) and
 * {@code ^} after the end but below anything else (snapshots: 1.0 &lt; 1.0^git1 &lt; 1.0.1).
 */
public final class RpmVersions {

    private RpmVersions() {
    }

    /** @return negative, 0 or positive as {@code a} sorts before, with or after {@code b} */
    public static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && isSeparator(a.charAt(i))) {
                i++;
            }
            while (j < b.length() && isSeparator(b.charAt(j))) {
                j++;
            }
            char ca = i < a.length() ? a.charAt(i) : 0;
            char cb = j < b.length() ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (ca == 0) {
                    return -1;
                }
                if (cb == 0) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == 0 || cb == 0) {
                break;
            }
            boolean numeric = isDigit(ca);
            int endA = runEnd(a, i, numeric);
            int endB = runEnd(b, j, numeric);
            if (endB == j) {
                // b's run is of the other kind: a number is newer than letters
                return numeric ? 1 : -1;
            }
            int result = numeric ? compareNumbers(a, i, endA, b, j, endB) : compareText(a, i, endA, b, j, endB);
            if (result != 0) {
                return result;
            }
            i = endA;
            j = endB;
        }
        boolean aLeft = i < a.length();
        boolean bLeft = j < b.length();
        if (!aLeft && !bLeft) {
            return 0;
        }
        return aLeft ? 1 : -1;
    }

    private static boolean isSeparator(char c) {
        return !isAlnum(c) && c != '~' && c != '^';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }

    private static int runEnd(String s, int from, boolean numeric) {
        int end = from;
        while (end < s.length() && (numeric ? isDigit(s.charAt(end)) : isAlpha(s.charAt(end)))) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
        while (i < endA - 1 && a.charAt(i) == '0') {
            i++;
        }
        while (j < endB - 1 && b.charAt(j) == '0') {
            j++;
        }
        int lengths = Integer.compare(endA - i, endB - j);
        return lengths != 0 ? lengths : compareText(a, i, endA, b, j, endB);
    }

    private static int compareText(String a, int i, int endA, String b, int j, int endB) {
        while (i < endA && j < endB) {
            int c = Character.compare(a.charAt(i++), b.charAt(j++));
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        return Integer.compare(endA - i, endB - j);
    }
}
