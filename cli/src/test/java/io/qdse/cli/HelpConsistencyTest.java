package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 15 §4: one behaviour across commands, checked over the whole command tree so a new command cannot drift: every
 * command takes --json, every help shows option labels in one style, every summary in {@code qdse --help} is a whole
 * sentence, and the exit codes are listed.
 */
class HelpConsistencyTest {

    /** @return every command path below qdse, e.g. [rtl, pe] */
    static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        walk(Qdse.fullTree(), new ArrayList<>(), out);
        return out;
    }

    private static void walk(CommandLine c, List<String> path, List<List<String>> out) {
        for (var e : c.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            walk(e.getValue(), p, out);
        }
    }

    @Test
    void everyCommandTakesJson() {
        CommandLine root = Qdse.fullTree();
        List<String> missing = new ArrayList<>();
        for (List<String> p : commands()) {
            CommandLine c = root;
            for (String name : p) {
                c = c.getSubcommands().get(name);
            }
            boolean group = !c.getSubcommands().isEmpty() && !(c.getCommand() instanceof Runnable r
                    && hasPositionalOrOwnOptions(c));
            if (!group && c.getCommandSpec().findOption("--json") == null) {
                missing.add(String.join(" ", p));
            }
        }
        assertTrue(missing.isEmpty(), "commands without --json: " + missing);
    }

    private static boolean hasPositionalOrOwnOptions(CommandLine c) {
        return c.getCommandSpec().options().stream().anyMatch(o -> !o.usageHelp() && !o.versionHelp()
                && !o.longestName().equals("--stacktrace"));
    }

    private static final Pattern FIELD_LABEL = Pattern.compile("=<[A-Za-z]+>|\\s<[a-z][A-Za-z]*>(\\.\\.\\.)?\\s");

    @Test
    void optionLabelsHaveOneStyle() {
        List<String> bad = new ArrayList<>();
        for (List<String> p : commands()) {
            List<String> args = new ArrayList<>(p);
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
            String usage = r.out().split("\n\n")[0] + "\n" + r.out().lines()
                    .filter(l -> l.startsWith("  -") || l.startsWith("      -")).reduce("", (a, b) -> a + b + "\n");
            var m = FIELD_LABEL.matcher(usage);
            if (m.find()) {
                bad.add(String.join(" ", p) + ": " + m.group());
            }
        }
        assertTrue(bad.isEmpty(), "picocli field-name labels (<name>) instead of upper-case ones: " + bad);
    }

    @Test
    void topLevelSummariesAreWholeSentencesAndExitCodesAreListed() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(0, r.exit());
        CommandLine root = Qdse.fullTree();
        for (var e : root.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            String first = e.getValue().getCommandSpec().usageMessage().description()[0].strip();
            assertTrue(first.endsWith("."), e.getKey() + "'s summary is cut: " + first);
            assertFalse(first.endsWith(",."), first);
        }
        for (String code : new String[] {"0 ok", "1 internal error", "2 bad input", "3 no answer", "4 tool missing"}) {
            assertTrue(r.out().replace("\n", " ").contains(code), "footer lists '" + code + "':\n" + r.out());
        }
    }

    @Test
    void eachRunBuildsOnlyTheCommandItNames() {
        // the lazy registration (Qdse.SUBCOMMANDS, issue 15 §6) names each command as its annotation does
        CommandLine full = Qdse.fullTree();
        assertEquals(Qdse.SUBCOMMANDS, List.copyOf(full.getSubcommands().keySet()));
        for (String name : Qdse.SUBCOMMANDS) {
            assertEquals(name, full.getSubcommands().get(name).getCommandSpec().userObject().getClass()
                    .getAnnotation(CommandLine.Command.class).name());
        }
        assertEquals("cost", Qdse.named(new String[] {"cost", "--a", "int8"}));
        assertEquals("cost", Qdse.named(new String[] {"--stacktrace", "cost"}));
        assertEquals("", Qdse.named(new String[] {"--version"}));
        assertEquals(null, Qdse.named(new String[] {"help", "cost"}));
        assertEquals(null, Qdse.named(new String[] {"cots"}));
        assertEquals(null, Qdse.named(new String[] {"--help"}));
        assertEquals(null, Qdse.named(new String[0]));
        assertEquals(List.of("cost"), List.copyOf(Qdse.tree("cost").getSubcommands().keySet()));
        // a typo still gets suggestions from the whole tree
        CliRunner.Result r = CliRunner.run("cots");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Did you mean: qdse cost"), r.err());
    }
}
