package io.qdse.sweep;

import io.qdse.hwmodels.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An arithmetic expression over metric names and numbers ({@code + - * /}, unary minus, parentheses), for a sweep's
 * derived metrics, e.g. {@code energy_uj * latency_ms}. Parsed once; evaluated per row.
 */
public final class Expr {
    private final String text;
    private final Node root;
    private final Set<String> names;

    private Expr(String text, Node root, Set<String> names) {
        this.text = text;
        this.root = root;
        this.names = names;
    }

    /** @param where the YAML path, for errors */
    public static Expr parse(String text, String where) {
        Parser p = new Parser(text, where);
        Node n = p.expr();
        p.skipSpaces();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Expr(text, n, p.names);
    }

    /** @return the metric names it reads */
    public Set<String> names() {
        return names;
    }

    public String text() {
        return text;
    }

    /** @return the value; NaN when a name is missing from {@code values} */
    public double eval(Map<String, Double> values) {
        return root.eval(values);
    }

    private interface Node {
        double eval(Map<String, Double> v);
    }

    private static final class Parser {
        final String s;
        final String where;
        int pos;
        final Set<String> names = new LinkedHashSet<>();

        Parser(String s, String where) {
            this.s = s;
            this.where = where;
        }

        InvalidInputException error(String what) {
            return new InvalidInputException(where, s, "an expression of metric names, numbers, + - * / and "
                    + "parentheses (" + what + " at column " + (pos + 1) + ")");
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Node expr() {
            Node left = term();
            while (true) {
                skipSpaces();
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    char op = s.charAt(pos++);
                    Node l = left;
                    Node r = term();
                    left = op == '+' ? v -> l.eval(v) + r.eval(v) : v -> l.eval(v) - r.eval(v);
                } else {
                    return left;
                }
            }
        }

        Node term() {
            Node left = factor();
            while (true) {
                skipSpaces();
                if (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/')) {
                    char op = s.charAt(pos++);
                    Node l = left;
                    Node r = factor();
                    left = op == '*' ? v -> l.eval(v) * r.eval(v) : v -> l.eval(v) / r.eval(v);
                } else {
                    return left;
                }
            }
        }

        Node factor() {
            skipSpaces();
            if (pos >= s.length()) {
                throw error("missing operand");
            }
            char c = s.charAt(pos);
            if (c == '-') {
                pos++;
                Node f = factor();
                return v -> -f.eval(v);
            }
            if (c == '(') {
                pos++;
                Node e = expr();
                skipSpaces();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw error("missing ')'");
                }
                pos++;
                return e;
            }
            int start = pos;
            if (Character.isDigit(c) || c == '.') {
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                        || s.charAt(pos) == 'e' || s.charAt(pos) == 'E'
                        || ((s.charAt(pos) == '+' || s.charAt(pos) == '-') && pos > start
                        && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) {
                    pos++;
                }
                double x;
                try {
                    x = Double.parseDouble(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw error("bad number '" + s.substring(start, pos) + "'");
                }
                return v -> x;
            }
            if (Character.isLetter(c) || c == '_') {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                names.add(name);
                return v -> {
                    Double d = v.get(name);
                    return d == null ? Double.NaN : d;
                };
            }
            throw error("unexpected '" + c + "'");
        }
    }

    /**
     * Orders derived metrics so each is evaluated after the ones it reads, refusing cycles and unknown names.
     *
     * @param derived name → expression
     * @param known   the standard metrics
     * @param where   YAML path prefix for errors ({@code derived})
     * @return names in evaluation order
     */
    public static List<String> order(Map<String, Expr> derived, Set<String> known, String where) {
        List<String> out = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String d : derived.keySet()) {
            visit(d, derived, known, where, visiting, out);
        }
        return out;
    }

    private static void visit(String d, Map<String, Expr> derived, Set<String> known, String where,
                              Set<String> visiting, List<String> out) {
        if (out.contains(d)) {
            return;
        }
        if (!visiting.add(d)) {
            throw new InvalidInputException(where + "." + d, derived.get(d).text(), "an expression that does not "
                    + "depend on itself (cycle: " + String.join(" -> ", visiting) + " -> " + d + ")");
        }
        for (String n : derived.get(d).names()) {
            if (derived.containsKey(n)) {
                visit(n, derived, known, where, visiting, out);
            } else if (!known.contains(n)) {
                throw new InvalidInputException(where + "." + d, n, "a metric name (" + String.join(", ", known)
                        + ", or another derived metric)");
            }
        }
        visiting.remove(d);
        out.add(d);
    }
}
