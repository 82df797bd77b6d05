package dev.reservoir.segments;

import dev.reservoir.segment.SegmentFacts;

import java.util.List;

import static dev.reservoir.segments.FactField.Kind.BOOL;
import static dev.reservoir.segments.FactField.Kind.DOUBLE;
import static dev.reservoir.segments.FactField.Kind.INT;
import static dev.reservoir.segments.FactField.Kind.STRING;
import static dev.reservoir.segments.FactField.Kind.STRING_LIST;
import static dev.reservoir.segments.FactField.Kind.STRING_MAP;

/**
 * The facts every tag rule can name (docs/segments.md, "Tag rules"). Unknown text values are
 * {@code ""}, unknown numbers 0, never-happened days {@link CustomerView#NEVER}.
 */
final class CustomerFields {
    private CustomerFields() {
    }

    static final List<FactField> STANDARD = List.of(
            new FactField("recency", INT, "days from the last order to D (99999: never ordered)",
                    "距最近一次下单的天数（99999：从未下单）", v -> v.daysSince(v.facts().lastOrder())),
            new FactField("ordered", BOOL, "has ordered at least once up to D", "截至 D 至少下过一单",
                    v -> v.facts().orders() > 0),
            new FactField("frequency", INT, "F: orders in the look-back window", "F：回看窗口内的订单数",
                    v -> v.facts().windowOrders()),
            new FactField("money", DOUBLE, "M: money of the orders in the look-back window", "M：回看窗口内订单金额",
                    v -> v.facts().windowMoney().doubleValue()),
            new FactField("orders", INT, "orders up to D", "截至 D 的订单数", v -> v.facts().orders()),
            new FactField("money_total", DOUBLE, "money of all orders up to D", "截至 D 的全部订单金额",
                    v -> v.facts().money().doubleValue()),
            new FactField("refunds", INT, "refund events in the look-back window", "回看窗口内的退款事件数",
                    v -> v.facts().windowRefunds()),
            new FactField("days_inactive", INT, "days from the last customer-initiated event to D (99999: none)",
                    "距最近一次客户主动行为的天数（99999：无）", v -> v.daysSince(v.facts().lastActive())),
            new FactField("active_days_7", INT, "active days in the 7 days ending on D", "截至 D 的 7 天内活跃天数",
                    v -> (long) v.facts().activeDays7()),
            new FactField("tenure", INT, "days since first seen or registered", "自首次出现或注册以来的天数",
                    v -> v.daysSince(first(v.facts()))),
            new FactField("stage", STRING, "lifecycle stage: acquired, converted, active, reactivated, silent, churned",
                    "生命周期阶段：acquired、converted、active、reactivated、silent、churned",
                    v -> v.stage().wireName()),
            new FactField("usage", STRING, "usage stage: exploring, growing, mature, or \"\"",
                    "使用阶段：exploring、growing、mature 或 \"\"", v -> v.usage() == null ? "" : v.usage().wireName()),
            new FactField("rfm", STRING, "RFM class such as important-retain, or \"\" when not scored",
                    "RFM 分类，如 important-retain；未评分为 \"\"",
                    v -> v.rfm() == null ? "" : v.rfm().rfmClass().wireName()),
            new FactField("r_score", INT, "R score (0: not scored)", "R 分（0：未评分）", v -> v.rfm() == null ? 0L : (long) v.rfm().r()),
            new FactField("f_score", INT, "F score (0: not scored)", "F 分（0：未评分）", v -> v.rfm() == null ? 0L : (long) v.rfm().f()),
            new FactField("m_score", INT, "M score (0: not scored)", "M 分（0：未评分）", v -> v.rfm() == null ? 0L : (long) v.rfm().m()),
            new FactField("categories", STRING_LIST, "categories of purchased items up to D", "截至 D 购买过的品类",
                    v -> v.facts().categories()),
            new FactField("complaints", INT, "complaint events up to D", "截至 D 的投诉次数", v -> v.facts().complaints()),
            new FactField("reviews", INT, "reviews with a rating 1-5 up to D", "截至 D 带 1-5 星评分的评价数",
                    v -> v.facts().reviews()),
            new FactField("five_star_reviews", INT, "reviews rated 5", "5 星评价数", v -> v.facts().fiveStarReviews()),
            new FactField("min_rating", INT, "lowest rating (0: no review)", "最低评分（0：无评价）",
                    v -> (long) v.facts().minRating()),
            new FactField("avg_rating", DOUBLE, "average rating (0: no review)", "平均评分（0：无评价）",
                    v -> v.facts().averageRating() == null ? 0.0 : v.facts().averageRating()),
            new FactField("paid_member", BOOL, "paid member (false when unknown)", "付费会员（未知为 false）",
                    v -> Boolean.TRUE.equals(v.facts().paidMember())),
            new FactField("member_tier", STRING, "member tier from the profile", "会员等级", v -> text(v.facts().memberTier())),
            new FactField("store_id", STRING, "store from the profile", "所属门店", v -> text(v.facts().storeId())),
            new FactField("channel", STRING, "channel from the profile", "渠道", v -> text(v.facts().channel())),
            new FactField("attributes", STRING_MAP, "the profile's free key/values: attributes['city']",
                    "客户自定义属性：attributes['city']", v -> v.facts().attributes()));

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static java.time.LocalDate first(SegmentFacts f) {
        if (f.firstSeen() == null) {
            return f.registered();
        }
        return f.registered() == null || f.firstSeen().isBefore(f.registered()) ? f.firstSeen() : f.registered();
    }
}
