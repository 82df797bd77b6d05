package dev.reservoir.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Apache ECharts' {@code echarts.min.js}, read from the webjar on the class path, to be inlined
 * into every HTML report so the file opens offline. The file carries its own Apache License
 * header, which stays in the page.
 */
final class ChartLibrary {
    private static final String POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private ChartLibrary() {
    }

    /** The webjar's version, from its Maven metadata. */
    static String version() {
        return Holder.VERSION;
    }

    /** The minified library, UTF-8 text. */
    static String script() {
        return Holder.SCRIPT;
    }

    /** Read once, on first use: the text is the same for every report. */
    private static final class Holder {
        static final String VERSION = readVersion();
        static final String SCRIPT = read("META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js");

        private static String readVersion() {
            Properties p = new Properties();
            try (InputStream in = open(POM)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.getProperty("version");
        }

        private static String read(String resource) {
            try (InputStream in = open(resource)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
                    // Would end the inline <script> element early; the 5.x builds do not contain it.
                    throw new IllegalStateException(resource + " contains </script and cannot be inlined");
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static InputStream open(String resource) throws IOException {
            InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException(resource + " is not on the class path: the org.webjars.npm:echarts dependency is missing");
            }
            return in;
        }
    }
}
