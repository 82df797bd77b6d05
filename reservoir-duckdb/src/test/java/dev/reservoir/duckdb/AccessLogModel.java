package dev.reservoir.duckdb;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A second computation of the behaviour metrics and page funnels on the real access log, sharing no code with
 * the engine: its own reading of the combined format (split on quotes), its own page rule,
 * sessions built in plain Java, its own referrer classification. Only the crawler verdict comes
 * from the same library (YAUAA, a separate analyzer instance), since the rule is "what YAUAA
 * says", not a list to write twice. The rules restated here are those of docs/import.md and
 * docs/metrics.md.
 */
final class AccessLogModel {
    static final Set<String> CRAWLER_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");

    /** One page view as this model reads it. */
    record View(String visitor, long epochSecond, LocalDate localDate, String page, String referrer) {
    }

    /** A session: its views in order and its first view's date. */
    record Session(String visitor, List<View> views) {
        LocalDate date() {
            return views.get(0).localDate();
        }

        long seconds() {
            return views.get(views.size() - 1).epochSecond() - views.get(0).epochSecond();
        }
    }

    final List<View> views = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();
    long lines;
    long malformed;

    private static final Map<String, Boolean> AGENT_CRAWLER = new HashMap<>();
    private static UserAgentAnalyzer analyzer;

    private static synchronized boolean crawler(String agent) {
        if (analyzer == null) {
            analyzer = UserAgentAnalyzer.newBuilder().hideMatcherLoadStats().withField(UserAgent.DEVICE_CLASS)
                    .withCache(0).build();
        }
        return AGENT_CRAWLER.computeIfAbsent(agent, a ->
                CRAWLER_CLASSES.contains(analyzer.parse(a).getValue(UserAgent.DEVICE_CLASS)));
    }

    AccessLogModel(Path log, boolean includeCrawlers, ZoneId zone, long timeoutSeconds) {
        this.timeout = timeoutSeconds;
        List<String> text;
        try {
            text = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : text) {
            lines++;
            String[] q = line.split("\"", -1);
            // ip - - [time] "request" status bytes "referrer" "agent" -> 7 parts; 6 when the
            // agent's closing quote is missing.
            if (q.length != 7 && q.length != 6) {
                malformed++;
                continue;
            }
            String[] head = q[0].trim().split(" ");
            String[] req = q[1].split(" ");
            String[] mid = q[2].trim().split(" ");
            String ip = head[0];
            String time = q[0].substring(q[0].indexOf('[') + 1, q[0].indexOf(']'));
            int status = Integer.parseInt(mid[0]);
            String referrer = q[3].equals("-") || q[3].isEmpty() ? null : q[3];
            String agent = q[5].equals("-") ? "" : q[5];
            if (req.length != 3 || !req[0].equals("GET")) {
                continue;
            }
            if (!((status / 100 == 2) || status == 304)) {
                continue;
            }
            String path = req[1];
            int cut = path.indexOf('?');
            if (cut >= 0) {
                path = path.substring(0, cut);
            }
            String last = path.substring(path.lastIndexOf('/') + 1);
            String ext = last.contains(".") ? last.substring(last.lastIndexOf('.') + 1).toLowerCase() : "";
            if (!ext.isEmpty() && !Set.of("html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp").contains(ext)) {
                continue;
            }
            if (!includeCrawlers && crawler(agent)) {
                continue;
            }
            // dd/Mon/yyyy:HH:mm:ss +0000 (every line of this log is +0000).
            String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
            int month = List.of(months).indexOf(time.substring(3, 6)) + 1;
            LocalDateTime utc = LocalDateTime.of(Integer.parseInt(time.substring(7, 11)), month,
                    Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(12, 14)),
                    Integer.parseInt(time.substring(15, 17)), Integer.parseInt(time.substring(18, 20)));
            long epoch = utc.toEpochSecond(ZoneOffset.UTC);
            LocalDate local = utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate();
            views.add(new View(ip + "\u0000" + agent, epoch, local, path, referrer));
        }
        sessionise(timeoutSeconds);
    }

    private final long timeout;

    private AccessLogModel(List<View> views, long timeoutSeconds) {
        this.views.addAll(views);
        this.timeout = timeoutSeconds;
        sessionise(timeoutSeconds);
    }

    /** The same views up to the end of {@code day} (as of that day), sessions built again. */
    AccessLogModel upTo(LocalDate day) {
        return new AccessLogModel(views.stream().filter(v -> !v.localDate().isAfter(day)).toList(), timeout);
    }

    private void sessionise(long timeoutSeconds) {
        Map<String, List<View>> byVisitor = new TreeMap<>();
        for (View v : views) {
            byVisitor.computeIfAbsent(v.visitor(), k -> new ArrayList<>()).add(v);
        }
        for (List<View> vs : byVisitor.values()) {
            vs.sort(Comparator.comparingLong(View::epochSecond).thenComparing(View::page));
            List<View> current = new ArrayList<>();
            for (View v : vs) {
                if (!current.isEmpty() && v.epochSecond() - current.get(current.size() - 1).epochSecond() >= timeoutSeconds) {
                    sessions.add(new Session(v.visitor(), current));
                    current = new ArrayList<>();
                }
                current.add(v);
            }
            sessions.add(new Session(vs.get(0).visitor(), current));
        }
    }

    List<Session> sessionsIn(LocalDate from, LocalDate to) {
        return sessions.stream().filter(s -> !s.date().isBefore(from) && !s.date().isAfter(to)).toList();
    }

    /** Visitors whose first session began on or after {@code from}. */
    long newVisitors(LocalDate from, LocalDate to) {
        Map<String, LocalDate> first = new HashMap<>();
        for (Session s : sessions) {
            first.merge(s.visitor(), s.date(), (a, b) -> a.isBefore(b) ? a : b);
        }
        Set<String> in = new HashSet<>();
        sessionsIn(from, to).forEach(s -> in.add(s.visitor()));
        return in.stream().filter(v -> !first.get(v).isBefore(from)).count();
    }

    static String channel(String referrer, Set<String> siteHosts) {
        if (referrer == null) {
            return "direct";
        }
        int scheme = referrer.indexOf("://");
        String host = "";
        if (scheme > 0) {
            String rest = referrer.substring(scheme + 3);
            int end = rest.length();
            for (char c : new char[] {'/', ':', '?', '#', '@'}) {
                int i = rest.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            host = rest.substring(0, end).toLowerCase();
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        if (siteHosts.contains(host)) {
            return "internal";
        }
        for (String social : List.of("facebook.com", "fb.com", "t.co", "twitter.com", "x.com", "linkedin.com",
                "lnkd.in", "reddit.com", "news.ycombinator.com", "weibo.com", "weibo.cn", "pinterest.com",
                "instagram.com", "youtube.com", "vk.com", "tumblr.com", "plus.google.com", "plus.url.google.com",
                "zhihu.com", "douban.com", "xiaohongshu.com", "t.me", "weixin.qq.com", "qzone.qq.com")) {
            if (host.equals(social) || host.endsWith("." + social)) {
                return "social";
            }
        }
        for (String search : List.of("bing.com", "yahoo.com", "yahoo.co.jp", "baidu.com", "duckduckgo.com",
                "sogou.com", "so.com", "sm.cn", "ask.com", "ecosia.org", "naver.com", "seznam.cz", "aol.com",
                "startpage.com", "qwant.com")) {
            if (host.equals(search) || host.endsWith("." + search)) {
                return "search";
            }
        }
        for (String engine : List.of("google.", "yandex.")) {
            int at = host.startsWith(engine) ? 0 : host.indexOf("." + engine) + 1;
            if (at >= 0 && host.startsWith(engine, at) && host.substring(at + engine.length()).matches("[a-z.]+")) {
                return "search";
            }
        }
        return "website";
    }

    /** A page step of a funnel: that page, or every page starting with the text before a final '*'. */
    static boolean stepMatches(String step, String page) {
        return step.endsWith("*") ? page.startsWith(step.substring(0, step.length() - 1)) : page.equals(step);
    }

    /** The engine's visitor id for this model's visitor: address, '/', the first 16 hex digits of the agent's MD5. */
    static String visitorId(String visitor) {
        int cut = visitor.indexOf('\u0000');
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                    .digest(visitor.substring(cut + 1).getBytes(StandardCharsets.UTF_8));
            return visitor.substring(0, cut) + "/" + java.util.HexFormat.of().formatHex(md5).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One person's counted attempt in a funnel.
     *
     * @param furthest the furthest step reached (1 .. steps)
     * @param times    epoch seconds of steps 1 .. furthest in that attempt
     */
    record FunnelPerson(String visitor, int furthest, List<Long> times) {
    }

    /**
     * An ordered page funnel, written from its definition in docs/metrics.md (Funnels), not from
     * the engine: a person's page views dated in [from, to], in time order, views at the same
     * second in step order (the lowest step a view matches first, views matching no step last,
     * otherwise log order). Every view of step 1 starts an attempt; step k is the first view of
     * step k after the view used for step k − 1, at most {@code windowSeconds} after step 1; a
     * view never serves two steps. Every attempt is walked (quadratic, fine for a small log); the
     * person counts by the attempt reaching the furthest step, then the one reaching it first,
     * then the latest start.
     */
    Map<String, FunnelPerson> orderedFunnel(List<String> steps, long windowSeconds, LocalDate from, LocalDate to) {
        Map<String, List<View>> byVisitor = new TreeMap<>();
        for (View v : views) {
            if (!v.localDate().isBefore(from) && !v.localDate().isAfter(to)) {
                byVisitor.computeIfAbsent(v.visitor(), k -> new ArrayList<>()).add(v);
            }
        }
        Map<String, FunnelPerson> people = new TreeMap<>();
        for (List<View> vs : byVisitor.values()) {
            vs.sort(Comparator.comparingLong(View::epochSecond).thenComparingInt(v -> lowestStep(steps, v.page())));
            FunnelPerson best = null;
            for (int start = 0; start < vs.size(); start++) {
                if (!stepMatches(steps.get(0), vs.get(start).page())) {
                    continue;
                }
                long t0 = vs.get(start).epochSecond();
                List<Long> times = new ArrayList<>(List.of(t0));
                int used = start;
                while (times.size() < steps.size()) {
                    String step = steps.get(times.size());
                    int next = used + 1;
                    while (next < vs.size() && !stepMatches(step, vs.get(next).page())) {
                        next++;
                    }
                    if (next == vs.size() || vs.get(next).epochSecond() - t0 > windowSeconds) {
                        break;
                    }
                    times.add(vs.get(next).epochSecond());
                    used = next;
                }
                FunnelPerson attempt = new FunnelPerson(vs.get(start).visitor(), times.size(), times);
                // Later starts come later in this loop: ">=" on equal reach and time keeps the latest start.
                if (best == null || attempt.furthest() > best.furthest() || attempt.furthest() == best.furthest()
                        && attempt.times().get(attempt.furthest() - 1) <= best.times().get(best.furthest() - 1)) {
                    best = attempt;
                }
            }
            if (best != null) {
                people.put(best.visitor(), best);
            }
        }
        return people;
    }

    private static int lowestStep(List<String> steps, String page) {
        for (int k = 0; k < steps.size(); k++) {
            if (stepMatches(steps.get(k), page)) {
                return k;
            }
        }
        return steps.size();
    }

    /** quantile_cont: linear interpolation between closest ranks (docs/metrics.md, shared definitions). */
    static Double quantile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        double at = q * (sorted.size() - 1);
        int low = (int) Math.floor(at);
        int high = (int) Math.ceil(at);
        return sorted.get(low) + (at - low) * (sorted.get(high) - sorted.get(low));
    }
}
