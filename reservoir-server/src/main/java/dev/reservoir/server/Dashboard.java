package dev.reservoir.server;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The dashboard's static files: plain HTML, CSS and JavaScript modules kept under
 * {@code dev/reservoir/server/dashboard/} in this module's resources, and Apache ECharts'
 * {@code echarts.min.js} from the webjar the report inlines. Nothing is fetched from anywhere
 * else, so the dashboard works offline. The files hold no data and need no token; the pages
 * call the JSON API with the tenant token the user signs in with (docs/server.md § Dashboard).
 *
 * <p>Every answer carries a Content-Security-Policy that allows scripts from this server only
 * (no inline script, no eval), so text from data can never run even if a page slipped; styles
 * may be inline because ECharts positions its tooltips with style attributes.
 */
final class Dashboard {
    static final String PREFIX = "/dashboard/";
    private static final String FOLDER = "dashboard/";
    /** One file name, no folders: nothing outside the dashboard's folder can be named. */
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|json)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8");
    static final String CHARTS = "echarts.min.js";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    static final String POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data: blob:;"
            + " style-src 'self' 'unsafe-inline'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private Dashboard() {
    }

    static void routes(Javalin app) {
        app.get("/", ctx -> ctx.redirect(PREFIX));
        // Browsers ask for it on their own; the page names none (an empty icon), so nothing to send.
        app.get("/favicon.ico", ctx -> ctx.status(204));
        // Javalin matches /dashboard and /dashboard/ alike; the page's relative links need the slash.
        app.get(PREFIX, ctx -> {
            if (ctx.path().endsWith("/")) {
                send(ctx, "index.html");
            } else {
                ctx.redirect(PREFIX);
            }
        });
        app.get(PREFIX + "{file}", ctx -> send(ctx, ctx.pathParam("file")));
    }

    private static void send(Context ctx, String file) {
        byte[] body;
        String type;
        if (file.equals(CHARTS)) {
            body = Holder.CHARTS_SCRIPT;
            type = TYPES.get("js");
        } else {
            if (!FILE.matcher(file).matches()) {
                throw new ApiException(ApiError.NOT_FOUND, ctx.method(), ctx.path());
            }
            body = read(FOLDER + file);
            if (body == null) {
                throw new ApiException(ApiError.NOT_FOUND, ctx.method(), ctx.path());
            }
            type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        }
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.status(200).contentType(type).result(body);
    }

    /** A resource beside this class, or null when there is none. */
    private static byte[] read(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ECharts build, read once from the webjar (its version from the webjar's Maven metadata). */
    private static final class Holder {
        static final byte[] CHARTS_SCRIPT = chartsScript();

        private static byte[] chartsScript() {
            ClassLoader loader = Dashboard.class.getClassLoader();
            Properties pom = new Properties();
            try (InputStream in = loader.getResourceAsStream(WEBJAR_POM)) {
                if (in == null) {
                    throw new IllegalStateException(WEBJAR_POM + " is not on the class path: the org.webjars.npm:echarts dependency is missing");
                }
                pom.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String resource = "META-INF/resources/webjars/echarts/" + pom.getProperty("version") + "/dist/" + CHARTS;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the echarts webjar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
