package io.qdse.cli.command;

import io.qdse.hwmodels.InvalidInputException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Options that mean something only in some modes of a command. Given on the command line in a mode where they do
 * nothing, they are refused (exit 2) naming the option, its value and the mode it belongs to, instead of being
 * ignored in silence: {@code quantize --axis 1} without {@code --scaling channel}, {@code simulate --engine cycle}
 * with {@code --compat scalesim}. Only options the user typed count (defaults never trip it). Every command states its
 * modes through this one class, so the rule and the message are the same everywhere.
 */
public final class OptionScope {
    private OptionScope() {
    }

    /**
     * Refuses any of {@code options} that was given, unless {@code applies}.
     *
     * @param spec    the command's spec (its parse result says what was typed)
     * @param applies whether the options do something in the mode given
     * @param when    where they apply, e.g. {@code with --scaling channel}
     */
    public static void only(CommandSpec spec, boolean applies, String when, String... options) {
        if (applies) {
            return;
        }
        for (String o : options) {
            if (given(spec, o)) {
                throw new InvalidInputException(o, value(spec, o), "only " + when + "; it does nothing here");
            }
        }
    }

    /** @return whether the user typed {@code option} (a default does not count) */
    public static boolean given(CommandSpec spec, String option) {
        ParseResult pr = spec.commandLine().getParseResult();
        return pr != null && pr.hasMatchedOption(option);
    }

    /** @return the value(s) typed for {@code option}, as typed ({@code set} for a flag) */
    static String value(CommandSpec spec, String option) {
        OptionSpec o = spec.commandLine().getParseResult().matchedOption(option);
        List<String> v = o.originalStringValues();
        if (o.arity().max() == 0 || v.isEmpty()) {
            return "set";
        }
        return String.join(",", v);
    }
}
