package io.qdse.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens an HTML page in headless Chromium and reports what went wrong in it: script errors (recorded into the DOM
 * by a probe injected at the top of the page), console errors (Chromium's log) and a dead sort script.
 */
final class Chromium {
    /** Seconds one page may take. */
    static final long TIMEOUT_S = 45;

    /** Recorded first thing in the page: errors, rejections and console.error into data-js-errors; images loaded. */
    static final String HEAD_PROBE = "<script>(function(){var d=document.documentElement;"
            + "d.setAttribute('data-js-errors','');function add(m){d.setAttribute('data-js-errors',"
            + "d.getAttribute('data-js-errors')+'['+m+']');}"
            + "window.addEventListener('error',function(e){add((e.message||'error')+' at line '+(e.lineno||0));});"
            + "window.addEventListener('unhandledrejection',function(e){add('unhandled rejection: '+e.reason);});"
            + "var ce=console.error;console.error=function(){add('console.error: '+Array.prototype.join.call("
            + "arguments,' '));ce.apply(console,arguments);};"
            + "window.addEventListener('load',function(){var im=document.images,ok=0;for(var i=0;i<im.length;i++)"
            + "{if(im[i].complete&&im[i].naturalWidth>0){ok++;}}d.setAttribute('data-images',ok+'/'+im.length);});"
            + "})();</script>";

    /**
     * Run last in the page: clicks the header of a numeric column of the longest sortable table twice and checks the
     * rows come out ascending, then descending.
     */
    static final String SORT_PROBE = "<script>(function(){var d=document.documentElement;"
            + "var best=null,col=-1;var ts=document.querySelectorAll('table.sortable');"
            + "for(var k=0;k<ts.length;k++){var t=ts[k];if(t.tBodies[0].rows.length<3){continue;}"
            + "var r=t.tBodies[0].rows[0];for(var i=0;i<r.cells.length;i++){if(r.cells[i].getAttribute('data-v')){"
            + "if(!best||t.tBodies[0].rows.length>best.tBodies[0].rows.length){best=t;col=i;}break;}}}"
            + "if(!best){d.setAttribute('data-sort','no numeric table');return;}"
            + "function vals(){var v=[];var rs=best.tBodies[0].rows;for(var i=0;i<rs.length;i++){"
            + "var x=rs[i].cells[col].getAttribute('data-v');if(x!==''&&x!==null){v.push(parseFloat(x));}}return v;}"
            + "function mono(v,s){for(var i=1;i<v.length;i++){if(s*(v[i]-v[i-1])<0){return false;}}return true;}"
            + "var th=best.tHead.rows[0].cells[col];th.click();var up=mono(vals(),1)&&th.getAttribute('aria-sort')"
            + "==='ascending';th.click();var down=mono(vals(),-1)&&th.getAttribute('aria-sort')==='descending';"
            + "d.setAttribute('data-sort',(up&&down?'ok':'bad')+' '+best.id+' column '+col+' rows '"
            + "+best.tBodies[0].rows.length);})();</script>";

    private static final Pattern ATTR = Pattern.compile("<html[^>]*?\\s%s=\"([^\"]*)\"");

    /** What the page did. */
    record Result(String dom, String log, List<String> problems, String sort, String images) {
    }

    private Chromium() {
    }

    /** @return the Chromium executable, if installed */
    static Optional<Path> find() {
        for (String p : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                Path c = Path.of(d, "chromium");
                if (Files.isExecutable(c)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Opens a copy of {@code page} with the probes injected.
     *
     * @param work a scratch folder (profile and the probed copy)
     */
    static Result open(Path chromium, Path page, Path work) throws IOException, InterruptedException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int head = html.indexOf("<head>");
        String probed = head < 0 ? HEAD_PROBE + html
                : html.substring(0, head + 6) + "\n" + HEAD_PROBE + html.substring(head + 6);
        int body = probed.lastIndexOf("</body>");
        probed = body < 0 ? probed + SORT_PROBE : probed.substring(0, body) + SORT_PROBE + probed.substring(body);
        Path copy = page.resolveSibling(".probed-" + page.getFileName());
        Files.writeString(copy, probed, StandardCharsets.UTF_8);
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path out = work.resolve("dom-" + page.getFileName() + ".txt");
        Path log = work.resolve("log-" + page.getFileName() + ".txt");
        ProcessBuilder pb = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--dump-dom", copy.toUri().toString());
        pb.redirectOutput(out.toFile());
        pb.redirectError(log.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + TIMEOUT_S + " s on " + page);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        String logText = Files.readString(log, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        if (!dom.contains("<html")) {
            problems.add("no DOM dumped (exit " + p.exitValue() + "): " + tail(logText));
        }
        String errors = attr(dom, "data-js-errors");
        if (errors == null) {
            problems.add("the error probe did not run (scripts blocked?)");
        } else if (!errors.isEmpty()) {
            problems.add("script errors: " + errors);
        }
        for (String line : logText.split("\n")) {
            if (line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("Error"))) {
                problems.add("console: " + line.trim());
            }
        }
        return new Result(dom, logText, problems, attr(dom, "data-sort"), attr(dom, "data-images"));
    }

    private static String attr(String dom, String name) {
        Matcher m = Pattern.compile(String.format(ATTR.pattern(), name)).matcher(dom);
        return m.find() ? m.group(1).replace("&amp;", "&").replace("&quot;", "\"") : null;
    }

    private static String tail(String s) {
        return s.length() > 600 ? s.substring(s.length() - 600) : s;
    }
}
