package io.qdse.cli.command;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.CodeTable;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.reports.render.FormatsRender;
import io.qdse.reports.text.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse formats list|show}. */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "List the number formats QDSE knows, or show one in detail.",
        subcommands = {FormatsCommand.ListFormats.class, FormatsCommand.ShowFormat.class})
public final class FormatsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code qdse formats list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the named formats.")
    public static final class ListFormats implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        @Override
        public void run() {
            List<FormatsRender.Entry> entries = new ArrayList<>();
            Formats.catalogue().forEach((name, f) -> entries.add(new FormatsRender.Entry(name, f, Formats.note(name))));
            FormatsRender.Catalogue c = new FormatsRender.Catalogue(entries, Formats.aliases());
            PrintWriter out = spec.commandLine().getOut();
            out.print(output.json ? Json.write(FormatsRender.listJson(c)) : FormatsRender.listText(c));
        }
    }

    /** {@code qdse formats show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one format: fields, range, special codes and (up to 8 bits) every value.")
    public static final class ShowFormat implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "NAME", description = "Format name, e.g. fp8_e4m3, e3m2, int4, mxfp4.")
        String name;
        @Option(names = "--all-values", description = "List every value even for 9- to 16-bit formats.")
        boolean allValues;

        @Override
        public void run() {
            NumberFormat f = Formats.parse(name, "NAME");
            ScalarFormat s = FormatsRender.valueFormat(f);
            int limit = allValues ? 16 : 8;
            if (allValues && s.bits() > 16) {
                throw new InvalidInputException("--all-values", name, "listing every value needs a format of at most"
                        + " 16 bits (" + s.name() + " has " + s.bits() + ")");
            }
            List<CodeTable.Code> codes = s.bits() <= limit ? CodeTable.of(s).codes() : List.of();
            PrintWriter out = spec.commandLine().getOut();
            out.print(output.json ? Json.write(FormatsRender.showJson(f, codes)) : FormatsRender.showText(f, codes));
        }
    }
}
