package io.ringstore.transport.diff;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One RESP2 or RESP3 reply exactly as it came off the wire, kept as a tree, with a canonical text
 * form that preserves every distinction the protocol makes: the type byte, nil versus empty,
 * RESP2 nil bulk ({@code $nil}) versus RESP3 null ({@code _}), every byte of every string. Two
 * replies are equal in meaning exactly when their canonical forms are equal.
 *
 * <pre>
 *   +OK            simple string          -ERR text       error
 *   :42            integer                $"a\x00b"       bulk string (escaped), $nil for $-1
 *   *[a, b]        array, *nil for *-1    _               RESP3 null
 *   ,1.5  #t  (12  double, boolean, big number
 *   ="txt:..."     verbatim               !"ERR ..."      blob error
 *   %{k => v}      map                    ~[..]  >[..]    set, push
 *   |{k => v} r    attributes, then the reply they annotate
 * </pre>
 */
final class Reply {
    final char type;
    /** Payload of a scalar reply; null for nil bulk and aggregates. */
    final byte[] data;
    /** Elements of an aggregate (a map's keys and values alternate); null for nil arrays and scalars. */
    final List<Reply> items;
    /** RESP3 attributes that preceded this reply, or null. */
    final Reply attributes;

    Reply(char type, byte[] data, List<Reply> items, Reply attributes) {
        this.type = type;
        this.data = data;
        this.items = items;
        this.attributes = attributes;
    }

    boolean isError() {
        return type == '-' || type == '!';
    }

    boolean isInteger() {
        return type == ':';
    }

    boolean isAggregate() {
        return type == '*' || type == '%' || type == '~' || type == '>' || type == '|';
    }

    long longValue() {
        return Long.parseLong(text());
    }

    /** The payload as text (ISO-8859-1, so every byte maps to one char). */
    String text() {
        return data == null ? null : new String(data, StandardCharsets.ISO_8859_1);
    }

    String canonical() {
        StringBuilder sb = new StringBuilder();
        appendCanonical(sb);
        return sb.toString();
    }

    void appendCanonical(StringBuilder sb) {
        if (attributes != null) {
            attributes.appendCanonical(sb);
            sb.append(' ');
        }
        switch (type) {
            case '$':
            case '=':
            case '!':
                sb.append(type);
                if (data == null) {
                    sb.append("nil");
                } else {
                    quote(sb, data);
                }
                return;
            case '+':
            case '-':
            case ':':
            case ',':
            case '#':
            case '(':
                sb.append(type);
                escape(sb, data);
                return;
            case '_':
                sb.append('_');
                return;
            case '%':
            case '|':
                sb.append(type).append('{');
                for (int i = 0; i < items.size(); i += 2) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    items.get(i).appendCanonical(sb);
                    sb.append(" => ");
                    items.get(i + 1).appendCanonical(sb);
                }
                sb.append('}');
                return;
            default: // '*', '~', '>'
                sb.append(type);
                if (items == null) {
                    sb.append("nil");
                    return;
                }
                sb.append('[');
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    items.get(i).appendCanonical(sb);
                }
                sb.append(']');
        }
    }

    static void quote(StringBuilder sb, byte[] b) {
        sb.append('"');
        escape(sb, b);
        sb.append('"');
    }

    /** Printable ASCII as is, {@code "} and {@code \} backslashed, every other byte as \xHH. */
    static void escape(StringBuilder sb, byte[] b) {
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
    }

    @Override
    public String toString() {
        return canonical();
    }
}
