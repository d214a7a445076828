package io.jenkins.plugins.stagedrollout.core.closure;

/** The five XML entities and character references, as createrepo_c writes them into metadata. */
public final class XmlText {

    private XmlText() {
    }

    /** @throws IllegalArgumentException for a character reference that is no code point */
    public static String unescape(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int semicolon = c == '&' ? value.indexOf(';', i) : -1;
            if (semicolon < 0) {
                out.append(c);
                continue;
            }
            String entity = value.substring(i + 1, semicolon);
            switch (entity) {
                case "amp" -> out.append('&');
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "quot" -> out.append('"');
                case "apos" -> out.append('\'');
                default -> {
                    if (entity.startsWith("#x")) {
                        out.appendCodePoint(Integer.parseInt(entity.substring(2), 16));
                    } else if (entity.startsWith("#")) {
                        out.appendCodePoint(Integer.parseInt(entity.substring(1)));
                    } else {
                        out.append('&').append(entity).append(';');
                    }
                }
            }
            i = semicolon;
        }
        return out.toString();
    }
}
