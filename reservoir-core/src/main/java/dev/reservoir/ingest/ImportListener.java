package dev.reservoir.ingest;

import java.nio.file.Path;

/** Hears how a long import is getting on, so a command can show progress. */
@FunctionalInterface
public interface ImportListener {
    ImportListener NONE = (file, phase, fraction) -> { };

    /**
     * @param phase    what is being done now ({@link ImportPhase})
     * @param fraction the share of the whole import done, 0 to 1
     */
    void progress(Path file, ImportPhase phase, double fraction);

    /** The steps of importing one file. */
    enum ImportPhase {
        READING("reading", "读取"),
        CHECKING("checking", "校验"),
        DEDUPLICATING("deduplicating", "去重"),
        COMMITTING("committing", "提交"),
        /** Keeping the per-customer-per-day rollup equal to the stored events (after the rows, before the commit). */
        ROLLUP("updating the rollup", "更新汇总表"),
        /** Keeping the behaviour metrics' stored sessions equal to the stored events (after the rollup). */
        SESSIONS("updating the stored sessions", "更新会话表"),
        /** Keeping the groups metric's kept tables equal to the stored events (after the sessions). */
        GROUPS("updating the group tables", "更新社群表"),
        DONE("done", "完成");

        private final String english;
        private final String chinese;

        ImportPhase(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        public String label(java.util.Locale locale) {
            return "zh".equals(locale.getLanguage()) ? chinese : english;
        }
    }
}
