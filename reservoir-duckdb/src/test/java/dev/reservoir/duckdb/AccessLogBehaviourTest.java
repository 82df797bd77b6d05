package dev.reservoir.duckdb;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.metric.PageStatsResult;
import dev.reservoir.metric.PathQuery;
import dev.reservoir.metric.PathResult;
import dev.reservoir.metric.SessionScope;
import dev.reservoir.metric.SessionSummary;
import dev.reservoir.metric.SessionSummaryResult;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behaviour metrics on the real access log (shared/datasets/apache_access_log, 10,000 lines of
 * semicomplete.com, May 2015), imported with the built-in {@code access-log} mapping into a
 * Shanghai tenant, with crawlers left out (the default) and with them kept. Every figure is
 * asserted as a number and checked against {@link AccessLogModel}, which reads the log itself and
 * shares no code with the engine. Period: every session (2015-05-17 to 05-21 in Shanghai, the
 * log's 17 May 10:05 to 20 May 21:05 UTC), 30-minute sessions.
 */
class AccessLogBehaviourTest {
    static final ZoneId SHANGHAI = ImportedAccessLog.SHANGHAI;
    static final AsOf D = AsOf.of(LocalDate.of(2015, 5, 21));
    static final SessionScope ALL = SessionScope.of(D).from(LocalDate.of(2015, 5, 17));
    static final Set<String> SITE = Set.of("semicomplete.com");

    static Map<Boolean, TenantStore> stores;
    static Map<Boolean, AccessLogModel> models;
    static Map<Boolean, FileReport> reports;

    @BeforeAll
    static void importLog() {
        // Imported once per JVM and shared with the other access-log tests (AccessLogFunnelTest).
        ImportedAccessLog log = ImportedAccessLog.get();
        stores = log.stores();
        models = log.models();
        reports = log.reports();
    }

    /** The figures both computations are compared on, as text for one readable assertion. */
    static Map<String, Object> summaryOf(long pageViews, long visitors, long sessions, long seconds,
                                         long pageVisitors, long onePage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page views", pageViews);
        m.put("visitors", visitors);
        m.put("sessions", sessions);
        m.put("pages per session", String.format(Locale.ROOT, "%.6f", (double) pageViews / sessions));
        m.put("session seconds", seconds);
        m.put("average session seconds", String.format(Locale.ROOT, "%.6f", (double) seconds / sessions));
        m.put("bounce", onePage + "/" + pageVisitors);
        m.put("bounce rate", String.format(Locale.ROOT, "%.6f", (double) onePage / pageVisitors));
        return m;
    }

    static Map<String, Object> engineSummary(boolean crawlers) {
        SessionSummaryResult r = stores.get(crawlers).behaviour().sessions(new SessionSummary(ALL, List.copyOf(SITE)));
        Map<String, Object> m = summaryOf(r.pageViews(), r.visitors(), r.sessions(), r.sessionSeconds(),
                r.pageVisitors(), r.oneVisitPageVisitors());
        // The engine's own rates, not recomputed from its counts.
        m.put("pages per session", String.format(Locale.ROOT, "%.6f", r.pagesPerSession()));
        m.put("average session seconds", String.format(Locale.ROOT, "%.6f", r.averageSessionSeconds()));
        m.put("bounce rate", String.format(Locale.ROOT, "%.6f", r.bounceRate()));
        return m;
    }

    static Map<String, Object> modelSummary(boolean crawlers) {
        AccessLogModel m = models.get(crawlers);
        Map<String, Long> perVisitor = new HashMap<>();
        m.views.forEach(v -> perVisitor.merge(v.visitor(), 1L, Long::sum));
        long seconds = m.sessions.stream().mapToLong(AccessLogModel.Session::seconds).sum();
        return summaryOf(m.views.size(), perVisitor.size(), m.sessions.size(), seconds, perVisitor.size(),
                perVisitor.values().stream().filter(n -> n == 1).count());
    }

    static Map<String, Long> engineChannels(boolean crawlers) {
        SessionSummaryResult r = stores.get(crawlers).behaviour().sessions(new SessionSummary(ALL, List.copyOf(SITE)));
        Map<String, Long> out = new TreeMap<>();
        r.channels().forEach((c, n) -> out.put(c.wireName(), n));
        return out;
    }

    static Map<String, Long> modelChannels(boolean crawlers) {
        return models.get(crawlers).sessions.stream().collect(Collectors.groupingBy(
                s -> AccessLogModel.channel(s.views().get(0).referrer(), SITE), TreeMap::new, Collectors.counting()));
    }

    /** Top pages by sessions that viewed them: "page: exits/sessions, bounces/entrances". */
    static List<String> enginePages(boolean crawlers, int top) {
        PageStatsResult r = stores.get(crawlers).behaviour().pages(ALL);
        return r.pages().stream().limit(top).map(p -> p.page() + ": views " + p.views() + ", exits " + p.exits() + "/"
                + p.sessions() + ", bounces " + p.bounces() + "/" + p.entrances()).toList();
    }

    static List<String> modelPages(boolean crawlers, int top) {
        Map<String, long[]> pages = new HashMap<>(); // views, sessions, exits, entrances, bounces
        for (AccessLogModel.Session s : models.get(crawlers).sessions) {
            List<String> seq = s.views().stream().map(AccessLogModel.View::page).toList();
            for (String p : seq) {
                pages.computeIfAbsent(p, k -> new long[5])[0]++;
            }
            for (String p : new java.util.HashSet<>(seq)) {
                pages.get(p)[1]++;
            }
            pages.get(seq.get(seq.size() - 1))[2]++;
            pages.get(seq.get(0))[3]++;
            if (seq.size() == 1) {
                pages.get(seq.get(0))[4]++;
            }
        }
        return pages.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                        .thenComparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(top)
                .map(e -> e.getKey() + ": views " + e.getValue()[0] + ", exits " + e.getValue()[2] + "/" + e.getValue()[1]
                        + ", bounces " + e.getValue()[4] + "/" + e.getValue()[3]).toList();
    }

    /** Top landing pages by entrances: "page: bounces/entrances". */
    static List<String> engineLandings(boolean crawlers, int top) {
        return stores.get(crawlers).behaviour().pages(ALL).pages().stream()
                .sorted(Comparator.comparingLong(PageStatsResult.Page::entrances).reversed()
                        .thenComparing(PageStatsResult.Page::page))
                .limit(top).map(p -> p.page() + ": " + p.bounces() + "/" + p.entrances()).toList();
    }

    static List<String> modelLandings(boolean crawlers, int top) {
        Map<String, long[]> landing = new HashMap<>();
        for (AccessLogModel.Session s : models.get(crawlers).sessions) {
            long[] c = landing.computeIfAbsent(s.views().get(0).page(), k -> new long[2]);
            c[1]++;
            if (s.views().size() == 1) {
                c[0]++;
            }
        }
        return landing.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                        .thenComparing(Map.Entry::getKey))
                .limit(top).map(e -> e.getKey() + ": " + e.getValue()[0] + "/" + e.getValue()[1]).toList();
    }

    /** The most common 2-step paths after the first view of the home page '/'. */
    static List<String> enginePaths(boolean crawlers, int top) {
        PathResult r = stores.get(crawlers).behaviour().paths(PathQuery.next(ALL, "/", 2));
        List<String> out = new ArrayList<>();
        out.add("anchored " + r.anchoredSessions() + " of " + r.sessions());
        r.sequences().stream().limit(top).forEach(s -> out.add(String.join(" > ", s.steps()) + ": " + s.sessions()));
        return out;
    }

    static List<String> modelPaths(boolean crawlers, int top) {
        AccessLogModel m = models.get(crawlers);
        Map<String, Long> counts = new HashMap<>();
        long anchored = 0;
        for (AccessLogModel.Session s : m.sessions) {
            List<String> seq = s.views().stream().map(AccessLogModel.View::page).toList();
            int at = seq.indexOf("/");
            if (at < 0) {
                continue;
            }
            anchored++;
            List<String> path = new ArrayList<>(seq.subList(at, Math.min(seq.size(), at + 3)));
            if (path.size() < 3) {
                path.add("(exit)");
            }
            counts.merge(String.join(" > ", path), 1L, Long::sum);
        }
        List<String> out = new ArrayList<>();
        out.add("anchored " + anchored + " of " + m.sessions.size());
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                        .thenComparing(e -> e.getKey().replace(" > ", "\u0000")))
                .limit(top).forEach(e -> out.add(e.getKey() + ": " + e.getValue()));
        return out;
    }

    /** New and returning visitors of one day (19 May, Shanghai). */
    static String engineNewReturning(boolean crawlers) {
        LocalDate day = LocalDate.of(2015, 5, 19);
        SessionSummaryResult r = stores.get(crawlers).behaviour().sessions(SessionSummary.of(
                new SessionScope(AsOf.of(day), day, SessionScope.DEFAULT_TIMEOUT)));
        return "new " + r.newVisitors() + ", returning " + r.returningVisitors() + ", first sessions "
                + r.firstSessions() + " of " + r.sessions();
    }

    static String modelNewReturning(boolean crawlers) {
        LocalDate day = LocalDate.of(2015, 5, 19);
        // As of the 19th: only views up to the end of that day count, for sessions too.
        AccessLogModel m = models.get(crawlers);
        AccessLogModel cut = m.upTo(day);
        List<AccessLogModel.Session> in = cut.sessionsIn(day, day);
        long visitors = in.stream().map(AccessLogModel.Session::visitor).distinct().count();
        long fresh = cut.newVisitors(day, day);
        Map<String, AccessLogModel.Session> firstOf = new HashMap<>();
        for (AccessLogModel.Session s : cut.sessions) {
            firstOf.merge(s.visitor(), s, (a, b) -> a.views().get(0).epochSecond() <= b.views().get(0).epochSecond() ? a : b);
        }
        long firsts = in.stream().filter(s -> firstOf.get(s.visitor()) == s).count();
        return "new " + fresh + ", returning " + (visitors - fresh) + ", first sessions " + firsts + " of " + in.size();
    }

    /** Asserts the engine's and the model's figure equal the expected one, for one crawler setting. */
    private static <T> void check(boolean crawlers, T expected, java.util.function.Function<Boolean, T> engine,
                                  java.util.function.Function<Boolean, T> model) {
        String which = crawlers ? "with crawlers" : "without crawlers";
        assertEquals(expected, model.apply(crawlers), "independent computation, " + which);
        assertEquals(expected, engine.apply(crawlers), "engine, " + which);
    }

    @Test
    void import_keepsPageViews_skipsTheRest() {
        // 10,000 lines, none malformed (line 8,899's cut user agent is read). Page views: GET,
        // 2xx or 304, a page path; 1,676 by people, 3,770 with crawlers (YAUAA's robots, most
        // of them feed readers and search engines).
        for (boolean crawlers : new boolean[] {false, true}) {
            FileReport r = reports.get(crawlers);
            AccessLogModel m = models.get(crawlers);
            long expected = crawlers ? 3770 : 1676;
            assertEquals(10_000, m.lines);
            assertEquals(0, m.malformed);
            assertEquals(expected, m.views.size());
            assertEquals(10_000, r.read());
            assertEquals(expected, r.accepted());
            assertEquals(0, r.rejected());
            assertEquals(10_000 - expected, r.skipped());
        }
    }

    @Test
    void sessions_pageViewsVisitorsLengthAndShopBounceRate() {
        // Bounce: visitors with exactly one page view / visitors.
        check(false, summaryOf(1676, 960, 1155, 6508, 960, 669),
                AccessLogBehaviourTest::engineSummary, AccessLogBehaviourTest::modelSummary);
        check(true, summaryOf(3770, 1233, 2227, 16964, 1233, 833),
                AccessLogBehaviourTest::engineSummary, AccessLogBehaviourTest::modelSummary);
        // 1676 / 1155, 6508 / 1155 and 669 / 960, to six places.
        assertEquals("1.451082", engineSummary(false).get("pages per session"));
        assertEquals("5.634632", engineSummary(false).get("average session seconds"));
        assertEquals("0.696875", engineSummary(false).get("bounce rate"));
    }

    @Test
    void referrerChannels() {
        // Site host semicomplete.com (www. ignored): internal; Google and co.: search.
        check(false, new TreeMap<>(Map.of("direct", 327L, "internal", 259L, "search", 424L, "social", 2L,
                "website", 143L)), AccessLogBehaviourTest::engineChannels, AccessLogBehaviourTest::modelChannels);
        check(true, new TreeMap<>(Map.of("direct", 1235L, "internal", 421L, "search", 426L, "social", 2L,
                "website", 143L)), AccessLogBehaviourTest::engineChannels, AccessLogBehaviourTest::modelChannels);
    }

    @Test
    void exitRatesOfTopPages() {
        check(false, List.of(
                "/: views 195, exits 155/189, bounces 123/154",
                "/projects/xdotool/: views 206, exits 156/187, bounces 135/167",
                "/projects/xdotool/xdotool.xhtml: views 144, exits 125/140, bounces 103/116",
                "/articles/dynamic-dns-with-dhcp/: views 124, exits 111/119, bounces 100/106",
                "/blog/geekery/ssl-latency.html: views 74, exits 56/58, bounces 47/56"),
                c -> enginePages(c, 5), c -> modelPages(c, 5));
        check(true, List.of(
                "/: views 572, exits 462/526, bounces 398/457",
                "/projects/xdotool/: views 219, exits 164/200, bounces 143/176",
                "/blog/tags/puppet: views 489, exits 170/171, bounces 58/169",
                "/projects/xdotool/xdotool.xhtml: views 153, exits 130/149, bounces 108/121",
                "/articles/dynamic-dns-with-dhcp/: views 135, exits 116/130, bounces 105/112"),
                c -> enginePages(c, 5), c -> modelPages(c, 5));
    }

    @Test
    void bounceRatesOfTopLandingPages() {
        check(false, List.of("/projects/xdotool/: 135/167", "/: 123/154", "/projects/xdotool/xdotool.xhtml: 103/116",
                        "/articles/dynamic-dns-with-dhcp/: 100/106", "/blog/geekery/ssl-latency.html: 47/56"),
                c -> engineLandings(c, 5), c -> modelLandings(c, 5));
        check(true, List.of("/: 398/457", "/projects/xdotool/: 143/176", "/blog/tags/puppet: 58/169",
                        "/projects/xdotool/xdotool.xhtml: 108/121", "/articles/dynamic-dns-with-dhcp/: 105/112"),
                c -> engineLandings(c, 5), c -> modelLandings(c, 5));
    }

    @Test
    void mostCommonPathsFromTheHomePage() {
        check(false, List.of("anchored 189 of 1155",
                "/ > (exit): 151",
                "/ > /blog/geekery/installing-windows-8-consumer-preview.html > (exit): 14",
                "/ > /articles/ssh-security/ > (exit): 8",
                "/ > / > (exit): 2",
                "/ > / > /: 2"), c -> enginePaths(c, 5), c -> modelPaths(c, 5));
        check(true, List.of("anchored 526 of 2227",
                "/ > (exit): 436",
                "/ > / > (exit): 14",
                "/ > /blog/geekery/installing-windows-8-consumer-preview.html > (exit): 14",
                "/ > /articles/ssh-security/ > (exit): 8",
                "/ > / > /: 7"), c -> enginePaths(c, 5), c -> modelPaths(c, 5));
    }

    @Test
    void newAndReturningVisitorsOfOneDay() {
        // 19 May (Shanghai), as of that day: returning = had a session on an earlier day.
        check(false, "new 302, returning 22, first sessions 302 of 374",
                AccessLogBehaviourTest::engineNewReturning, AccessLogBehaviourTest::modelNewReturning);
        check(true, "new 352, returning 68, first sessions 352 of 640",
                AccessLogBehaviourTest::engineNewReturning, AccessLogBehaviourTest::modelNewReturning);
    }
}
