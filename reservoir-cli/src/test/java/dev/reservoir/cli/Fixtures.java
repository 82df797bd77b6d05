package dev.reservoir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small canonical files whose every count is worked out by hand below. */
final class Fixtures {
    /**
     * Line 1 is the header, so the five rows are lines 2 to 6. Tenant zone Asia/Shanghai:
     * <ul>
     *   <li>line 2: c1 visits on 2025-03-01</li>
     *   <li>line 3: c1 buys order o1 for 25.50 on 2025-03-01</li>
     *   <li>line 4: c2 buys order o2 for 12.00 at 09:00+08:00 on 2025-03-02</li>
     *   <li>line 5: anonymous visitor v9 views a page on 2025-03-03</li>
     *   <li>line 6: c2 visits at 'yesterday': not a time, rejected</li>
     * </ul>
     * So: read 5, accepted 4, rejected 1, anonymous 1; customers c1 and c2; events by type
     * visit 1, purchase 2, page_view 1; orders 2; revenue 25.50 + 12.00 = 37.50; dates
     * 2025-03-01 to 2025-03-03.
     */
    static final String EVENTS = """
            event_id,customer_id,visitor_id,occurred_at,type,order_id,amount
            e1,c1,,2025-03-01 10:00:00,visit,,
            e2,c1,,2025-03-01 10:05:00,purchase,o1,25.50
            e3,c2,,2025-03-02T09:00:00+08:00,purchase,o2,12.00
            e4,,v9,2025-03-03 11:00:00,page_view,,
            e5,c2,,yesterday,visit,,
            """;
    static final long READ = 5;
    static final long ACCEPTED = 4;
    static final long REJECTED = 1;
    static final long ANONYMOUS = 1;
    static final long BAD_LINE = 6;

    private Fixtures() {
    }

    /** Writes {@link #EVENTS} to {@code dir/events.csv}. */
    static Path events(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("events.csv"), EVENTS, StandardCharsets.UTF_8);
    }
}
