package dev.reservoir.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The canonical event types of SPEC.md; a mapping turns a source's own names into these. */
public enum EventType {
    REGISTER("register", "注册"),
    VISIT("visit", "访问"),
    PAGE_VIEW("page_view", "浏览页面"),
    ADD_TO_CART("add_to_cart", "加购"),
    CHECKOUT("checkout", "结算"),
    PURCHASE("purchase", "购买"),
    REFUND("refund", "退款"),
    GROUP_JOIN("group_join", "入群"),
    GROUP_LEAVE("group_leave", "退群"),
    COMPLAINT("complaint", "投诉"),
    REVIEW("review", "评价"),
    SURVEY("survey", "问卷"),
    MESSAGE_SENT("message_sent", "发送消息"),
    COUPON_SENT("coupon_sent", "发券"),
    COUPON_REDEEMED("coupon_redeemed", "用券");

    private final String wireName;
    private final String chineseLabel;

    EventType(String wireName, String chineseLabel) {
        this.wireName = wireName;
        this.chineseLabel = chineseLabel;
    }

    /** The name used in files, SQL and JSON: {@code page_view}. */
    public String wireName() {
        return wireName;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chineseLabel : wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** All wire names, comma-separated, for messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
    }
}
