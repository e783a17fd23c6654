package dev.dxgscope.model.analysis;

import dev.dxgscope.model.analysis.VmbusFilter.SyntaxError;
import dev.dxgscope.model.analysis.VmbusFilter.Test;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.VmbusTable;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser of {@link VmbusFilter} expressions into tests:
 * <pre>
 * or      = and ("||" and)*
 * and     = unary ("&&" unary)*
 * unary   = "!" unary | "(" or ")" | field op value | word
 * </pre>
 * Every field checks its value at parse time (numbers, durations, command, status and flag names).
 */
final class VmbusFilterParser {
    private enum Type {
        WORD, NUMBER, STRING, OP, AND, OR, NOT, OPEN, CLOSE, END
    }

    private record Token(Type type, String text, int at) {
    }

    private static final Set<String> NUMERIC = Set.of("no", "seq", "pid", "size", "cause", "transaction");
    /** Every field name (and short form) a comparison accepts. */
    private static final Set<String> FIELDS = Set.of("no", "seq", "pid", "size", "cause", "transaction", "latency",
            "command", "cmd", "status", "channel", "direction", "dir", "flags", "flag", "luid");
    private static final java.util.List<String> TWO_CHAR = java.util.List.of("&&", "||", "==", "!=", "<=", ">=", "!~");

    private final String text;
    private int pos;
    private Token token;

    VmbusFilterParser(String text) {
        this.text = text;
    }

    Test parse() throws SyntaxError {
        next();
        Test t = or();
        if (token.type != Type.END) {
            throw error("unexpected '" + token.text + "'", token);
        }
        return t;
    }

    private Test or() throws SyntaxError {
        Test left = and();
        while (token.type == Type.OR) {
            next();
            Test l = left;
            Test r = and();
            left = (t, x, i) -> l.test(t, x, i) || r.test(t, x, i);
        }
        return left;
    }

    private Test and() throws SyntaxError {
        Test left = unary();
        while (token.type == Type.AND) {
            next();
            Test l = left;
            Test r = unary();
            left = (t, x, i) -> l.test(t, x, i) && r.test(t, x, i);
        }
        return left;
    }

    private Test unary() throws SyntaxError {
        if (token.type == Type.NOT) {
            next();
            Test inner = unary();
            return (t, x, i) -> !inner.test(t, x, i);
        }
        if (token.type == Type.OPEN) {
            next();
            Test inner = or();
            if (token.type != Type.CLOSE) {
                throw error("')' expected", token);
            }
            next();
            return inner;
        }
        if (token.type != Type.WORD) {
            throw error(token.type == Type.END ? "the expression ends too early" : "a field name expected, not '"
                    + token.text + "'", token);
        }
        Token field = token;
        next();
        if (token.type != Type.OP) {
            return word(field);
        }
        Token op = token;
        next();
        if (token.type != Type.WORD && token.type != Type.NUMBER && token.type != Type.STRING) {
            throw error("a value expected after " + op.text, token);
        }
        Token value = token;
        next();
        return comparison(field, op, value);
    }

    /** A bare word: a flag name, or a command name. */
    private Test word(Token w) throws SyntaxError {
        int bit = VmbusExpert.bit(w.text);
        if (bit != 0) {
            return (t, x, i) -> x.has(i, bit);
        }
        String command = w.text.toUpperCase(Locale.ROOT);
        if (Names.vmbusCommandNames().contains(command)) {
            return (t, x, i) -> t.commandName(i).equals(command);
        }
        String lower = w.text.toLowerCase(Locale.ROOT);
        if (FIELDS.contains(lower)) {
            throw error("'" + w.text + "' is a field: compare it (" + w.text + " == VALUE, or " + w.text
                    + " ~ PART for part of a name)" + (token.type == Type.END ? "" : ", not '" + token.text + "'"), w);
        }
        boolean part = Names.vmbusCommandNames().stream().anyMatch(n -> n.contains(command));
        throw error("'" + w.text + "' is neither a field with a comparison, a flag nor a command name"
                + (part ? " (part of a command name: command ~ " + w.text + ")" : ""), w);
    }

    private Test comparison(Token field, Token op, Token value) throws SyntaxError {
        String f = field.text.toLowerCase(Locale.ROOT);
        if (NUMERIC.contains(f)) {
            long v = number(value);
            return numeric(op, v, switch (f) {
                case "no" -> (t, i) -> i + 1L;
                case "seq" -> VmbusTable::seq;
                case "pid" -> (t, i) -> t.pid(i);
                case "size" -> (t, i) -> t.messageSize(i);
                case "cause" -> VmbusTable::cause;
                default -> VmbusTable::transaction;
            });
        }
        return switch (f) {
            case "latency" -> {
                long ns = duration(value);
                Test cmp = numeric(op, ns, VmbusTable::latencyNs);
                yield (t, x, i) -> t.pair(i) >= 0 && cmp.test(t, x, i);
            }
            case "command", "cmd" -> named(op, value, this::commandValue, (t, i) -> t.commandName(i),
                    (t, i) -> t.command(i));
            case "status" -> named(op, value, this::statusValue, (t, i) -> Names.ntstatus(t.status(i)),
                    (t, i) -> t.status(i) & 0xffffffffL);
            case "channel" -> named(op, value, v -> choice(v, "channel", "global", "adapter"),
                    (t, i) -> t.channel(i) == 0 ? "GLOBAL" : "ADAPTER", (t, i) -> t.channel(i));
            case "direction", "dir" -> named(op, value, v -> choice(v, "direction", "request", "reply", "host"),
                    (t, i) -> switch (t.direction(i)) {
                        case 1 -> "REQUEST";
                        case 2 -> "REPLY";
                        default -> "HOST";
                    }, (t, i) -> t.direction(i));
            case "flags", "flag" -> flags(op, value);
            case "luid" -> luid(op, number(value));
            default -> throw error("unknown field '" + field.text + "' (see the tooltip for the fields)", field);
        };
    }

    /** An adapter LUID, whole or its low part (what tools usually print). */
    private Test luid(Token op, long v) throws SyntaxError {
        Test same = (t, x, i) -> t.luid(i) == v || (t.luid(i) & 0xffffffffL) == v;
        return switch (op.text) {
            case "==" -> same;
            case "!=" -> (t, x, i) -> !same.test(t, x, i);
            default -> throw error("a LUID compares with == and !=", op);
        };
    }

    private interface Column {
        long get(VmbusTable t, int i);
    }

    private interface Label {
        String get(VmbusTable t, int i);
    }

    private interface Canonical {
        /** The canonical spelling (upper case) of a value, or a number as text; throws when unknown. */
        String of(Token value) throws SyntaxError;
    }

    private Test numeric(Token op, long v, Column c) throws SyntaxError {
        return switch (op.text) {
            case "==" -> (t, x, i) -> c.get(t, i) == v;
            case "!=" -> (t, x, i) -> c.get(t, i) != v;
            case "<" -> (t, x, i) -> c.get(t, i) < v;
            case "<=" -> (t, x, i) -> c.get(t, i) <= v;
            case ">" -> (t, x, i) -> c.get(t, i) > v;
            case ">=" -> (t, x, i) -> c.get(t, i) >= v;
            default -> throw error(op.text + " compares text; use == != < <= > >= with numbers", op);
        };
    }

    /** Fields with names and numbers: == != by name or number, ~ !~ by part of the name, < > by number. */
    private Test named(Token op, Token value, Canonical canonical, Label label, Column number) throws SyntaxError {
        if (op.text.equals("~") || op.text.equals("!~")) {
            String part = value.text.toUpperCase(Locale.ROOT);
            boolean negate = op.text.equals("!~");
            return (t, x, i) -> label.get(t, i).toUpperCase(Locale.ROOT).contains(part) != negate;
        }
        if (value.type == Type.NUMBER) {
            return numeric(op, number(value), number);
        }
        String name = canonical.of(value);
        return switch (op.text) {
            case "==" -> (t, x, i) -> label.get(t, i).equals(name);
            case "!=" -> (t, x, i) -> !label.get(t, i).equals(name);
            default -> throw error(op.text + " needs a number here; names compare with == != ~", op);
        };
    }

    private Test flags(Token op, Token value) throws SyntaxError {
        int bit = VmbusExpert.bit(value.text);
        if (bit == 0) {
            throw error("unknown flag '" + value.text + "'; flags are " + String.join(", ", VmbusExpert.NAMES), value);
        }
        return switch (op.text) {
            case "==", "~" -> (t, x, i) -> x.has(i, bit);
            case "!=", "!~" -> (t, x, i) -> !x.has(i, bit);
            default -> throw error("flags compare with ~ (has) and !~ (has not)", op);
        };
    }

    private String commandValue(Token v) throws SyntaxError {
        String c = v.text.toUpperCase(Locale.ROOT);
        if (!Names.vmbusCommandNames().contains(c)) {
            throw error("unknown command '" + v.text + "'", v);
        }
        return c;
    }

    private String statusValue(Token v) throws SyntaxError {
        Integer s = Names.ntstatusValue(v.text);
        if (s == null) {
            throw error("unknown NTSTATUS name '" + v.text + "'; give its number (0xc0000017) instead", v);
        }
        return Names.ntstatus(s);
    }

    private String choice(Token v, String what, String... names) throws SyntaxError {
        for (String n : names) {
            if (n.equalsIgnoreCase(v.text)) {
                return n.toUpperCase(Locale.ROOT);
            }
        }
        throw error("a " + what + " is " + String.join(" or ", names) + ", not '" + v.text + "'", v);
    }

    private long number(Token v) throws SyntaxError {
        String s = v.text.startsWith("#") ? v.text.substring(1) : v.text;
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("a number expected, not '" + v.text + "'", v);
        }
    }

    /** "1.5ms", "200us", "2s", "900" (ns). */
    private long duration(Token v) throws SyntaxError {
        String s = v.text.toLowerCase(Locale.ROOT).replace("µs", "us");
        int unitAt = 0;
        while (unitAt < s.length() && (Character.isDigit(s.charAt(unitAt)) || s.charAt(unitAt) == '.')) {
            unitAt++;
        }
        double scale = switch (s.substring(unitAt)) {
            case "", "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> throw error("a duration is a number with ns, us, ms or s, not '" + v.text + "'", v);
        };
        try {
            return (long) (Double.parseDouble(s.substring(0, unitAt)) * scale);
        } catch (NumberFormatException e) {
            throw error("a duration expected, not '" + v.text + "'", v);
        }
    }

    private SyntaxError error(String message, Token at) {
        return new SyntaxError(message + " (at character " + (at.at + 1) + ")", at.at);
    }

    private void next() throws SyntaxError {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            token = new Token(Type.END, "", pos);
            return;
        }
        char c = text.charAt(pos);
        for (String op : TWO_CHAR) {
            if (text.startsWith(op, pos)) {
                pos += 2;
                token = new Token(op.equals("&&") ? Type.AND : op.equals("||") ? Type.OR : Type.OP, op, start);
                return;
            }
        }
        if (c == '!' || c == '(' || c == ')' || c == '<' || c == '>' || c == '~' || c == '=') {
            pos++;
            token = switch (c) {
                case '!' -> new Token(Type.NOT, "!", start);
                case '(' -> new Token(Type.OPEN, "(", start);
                case ')' -> new Token(Type.CLOSE, ")", start);
                case '=' -> new Token(Type.OP, "==", start);
                default -> new Token(Type.OP, String.valueOf(c), start);
            };
            return;
        }
        if (c == '"') {
            int end = text.indexOf('"', pos + 1);
            if (end < 0) {
                throw new SyntaxError("unterminated \" (at character " + (start + 1) + ")", start);
            }
            pos = end + 1;
            token = new Token(Type.STRING, text.substring(start + 1, end), start);
            return;
        }
        if (Character.isLetterOrDigit(c) || c == '_' || c == '#' || c == '.') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_#.µ".indexOf(
                    text.charAt(pos)) >= 0)) {
                pos++;
            }
            String w = text.substring(start, pos);
            Type type = Character.isDigit(c) || c == '#' || c == '.' ? Type.NUMBER : Type.WORD;
            token = switch (w.toLowerCase(Locale.ROOT)) {
                case "and" -> new Token(Type.AND, w, start);
                case "or" -> new Token(Type.OR, w, start);
                case "not" -> new Token(Type.NOT, w, start);
                default -> new Token(type, w, start);
            };
            return;
        }
        throw new SyntaxError("unexpected character '" + c + "' (at character " + (start + 1) + ")", start);
    }
}
