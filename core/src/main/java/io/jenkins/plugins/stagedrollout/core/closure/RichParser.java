package io.jenkins.plugins.stagedrollout.core.closure;

import java.util.Locale;

/**
 * Reads an rpm rich dependency. Names may hold balanced parentheses ({@code libc.so.6()(64bit)}), as rpm allows;
 * chains of one operator ({@code a or b or c}) nest to the left.
 */
final class RichParser {

    private final String text;
    private int at;

    RichParser(String text) {
        this.text = text;
    }

    Requirement parse() {
        Requirement result = group();
        skipSpace();
        if (at != text.length()) {
            throw fail("unexpected text after the closing parenthesis");
        }
        return result;
    }

    private Requirement group() {
        expect('(');
        Requirement left = operand();
        skipSpace();
        if (peek() == ')') {
            at++;
            return left;
        }
        if (at == text.length()) {
            throw fail("expected ')'");
        }
        Requirement.Operator operator = operator(word());
        Requirement right = operand();
        Requirement result;
        if (operator == Requirement.Operator.IF || operator == Requirement.Operator.UNLESS) {
            skipSpace();
            Requirement otherwise = null;
            if (peek() != ')') {
                if (!"else".equals(word())) {
                    throw fail("expected 'else' or ')'");
                }
                otherwise = operand();
            }
            result = new Requirement.Rich(operator, left, right, otherwise);
        } else {
            result = new Requirement.Rich(operator, left, right, null);
            skipSpace();
            while (peek() != ')') {
                if (at == text.length()) {
                    throw fail("expected ')'");
                }
                String next = word();
                if (operator(next) != operator) {
                    throw fail("'" + operator.word() + "' and '" + next + "' mixed without parentheses");
                }
                result = new Requirement.Rich(operator, result, operand(), null);
                skipSpace();
            }
        }
        expect(')');
        return result;
    }

    private Requirement operand() {
        skipSpace();
        if (peek() == '(') {
            return group();
        }
        String name = name();
        int mark = at;
        skipSpace();
        char c = peek();
        if (c == '<' || c == '>' || c == '=') {
            Comparison comparison = Comparison.of(symbol());
            skipSpace();
            String version = name();
            if (version.isEmpty()) {
                throw fail("a version is missing after " + comparison.symbol());
            }
            return new Requirement.Simple(new Capability(name, comparison, Evr.parse(version)));
        }
        at = mark;
        return new Requirement.Simple(Capability.unversioned(name));
    }

    /** A name or version: up to a space or an unbalanced ')'. */
    private String name() {
        int start = at;
        int depth = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c) || (c == ')' && depth == 0)) {
                break;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            at++;
        }
        if (start == at) {
            throw fail("a name is missing");
        }
        return text.substring(start, at);
    }

    private String word() {
        skipSpace();
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at);
    }

    private String symbol() {
        int start = at;
        while (at < text.length() && "<>=".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        return text.substring(start, at);
    }

    private Requirement.Operator operator(String word) {
        try {
            Requirement.Operator operator = Requirement.Operator.valueOf(word.toUpperCase(Locale.ROOT));
            if (word.equals(operator.word())) {
                return operator;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw fail("'" + word + "' is no operator (and, or, if, unless, with, without)");
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException fail(String why) {
        return new IllegalArgumentException("cannot read the rich dependency '" + text + "' at position " + (at + 1) + ": " + why);
    }
}
