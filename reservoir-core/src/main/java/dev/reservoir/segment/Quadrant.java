package dev.reservoir.segment;

/**
 * The four quadrants (四象限, SPEC § Segments): 7-day active count × average dwell time.
 * "High" is strictly above the threshold (SPEC: a split puts a customer on the high side only
 * when strictly better than the threshold).
 */
public enum Quadrant {
    /** 重度依赖: many sessions, long ones. */
    HEAVY_DEPENDENT("heavy-dependent", "重度依赖"),
    /** 重度活跃: many sessions, short ones. */
    HEAVY_ACTIVE("heavy-active", "重度活跃"),
    /** 一般依赖: few sessions, long ones. */
    LIGHT_DEPENDENT("light-dependent", "一般依赖"),
    /** 一般活跃: few sessions, short ones. */
    LIGHT_ACTIVE("light-active", "一般活跃");

    private final String wireName;
    private final String chineseName;

    Quadrant(String wireName, String chineseName) {
        this.wireName = wireName;
        this.chineseName = chineseName;
    }

    public String wireName() {
        return wireName;
    }

    public String chineseName() {
        return chineseName;
    }

    public static Quadrant of(boolean countHigh, boolean dwellHigh) {
        if (countHigh) {
            return dwellHigh ? HEAVY_DEPENDENT : HEAVY_ACTIVE;
        }
        return dwellHigh ? LIGHT_DEPENDENT : LIGHT_ACTIVE;
    }
}
