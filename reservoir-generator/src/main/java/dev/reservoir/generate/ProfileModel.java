package dev.reservoir.generate;

import java.time.MonthDay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one profile: customer base, behaviour, rhythm, catalogue and pages.
 * Built once per profile by {@link #of}; its fields are set in the factory methods below (one
 * readable block per shop) and never changed afterwards. docs/generator.md explains each.
 */
final class ProfileModel {

    // ---- shared by every profile (the seeds' numbers) ----

    /** Paid members buy this many times as often (the seeds: "付费会员复购率是非会员的 2.5 倍"). */
    static final double PAID_RATE_MULTIPLIER = 2.5;
    /** ... and leave after a purchase less often. */
    static final double PAID_DROPOUT_MULTIPLIER = 0.6;
    /** Community (社群) members leave less often. */
    static final double GROUP_DROPOUT_MULTIPLIER = 0.8;
    /** Registrations thin out over the window: the density falls by e^1.2 ≈ 3.3 from first to last day. */
    static final double ARRIVAL_DECAY = 1.2;
    /** Shape of the gamma gaps between a consumable habit's orders: CV = 1/sqrt(8) ≈ 0.35. */
    static final double HABIT_GAP_SHAPE = 8;
    /** No customer buys more than this many times a day on average (caps the gamma's tail). */
    static final double MAX_RATE = 1.5;
    /** Share of leavers who complain first, when their reason is one people complain about. */
    static final double COMPLAINT_BEFORE_LEAVING = 0.35;
    /** Share of leavers who still open the app once or twice in the weeks after their last order. */
    static final double LINGER = 0.5;
    /** Group members who leave the group after leaving the shop; and active members who leave anyway. */
    static final double GROUP_LEAVE_AFTER_DROPOUT = 0.5;
    static final double GROUP_LEAVE_WHILE_ACTIVE = 0.08;
    /** A win-back coupon counts as redeemed when the next order comes within this many days. */
    static final int COUPON_REDEEM_DAYS = 7;
    /** Days after the win-back coupon that the exit survey invitation goes out. */
    static final int EXIT_SURVEY_AFTER_COUPON_DAYS = 30;

    static final String[] SEGMENTS = {"decisive", "explorer", "hesitant"};
    static final String WINDOW_SHOPPER = "window_shopper";
    /** Cart abandonment of each segment: a uniform range per customer. */
    static final double[][] ABANDON_RANGE = {{0.05, 0.15}, {0.20, 0.40}, {0.45, 0.70}};
    /** Extra pages viewed before the cart in a buying session, per segment (min, max). */
    static final int[][] BROWSE_PAGES = {{0, 1}, {2, 6}, {1, 4}};
    static final String[] AGE_BANDS = {"18-24", "25-34", "35-44", "45+"};
    /** Review ratings 1..5 from a customer who is not about to leave over quality or service. */
    static final double[] RATINGS = {0.03, 0.04, 0.10, 0.28, 0.55};

    final Profile profile;
    String prefix;
    String description;

    // ---- customer base: BG/NBD-like ----
    double rateShape;
    double rateMean;
    double dropoutA;
    double dropoutB;
    double paidShare;
    String[] paidTiers;
    double[] paidTierWeights;
    String regularTier;
    double conversion;
    double[] segmentWeights;
    double habitShare;
    double immediateFirstPurchase;
    double firstPurchaseDelayMean;
    double windowShopperSpanMean;
    double[] ageWeights;

    // ---- behaviour ----
    double browsePerPurchase;
    double baseBrowseRate;
    double bounceRate;
    double onlineShare;
    String offlineChannel;
    double extraLine;
    double[] quantityWeights;
    double memberDiscount;
    double refundShare;
    double reviewShare;
    double complaintShare;
    double groupJoinShare;
    double exitSurveyResponse;
    int winbackDays;
    ChurnReason[] churnReasons;
    double[] churnWeights;
    ChurnReason[] refundReasons;

    // ---- rhythm ----
    double[] weekly;
    double seasonalAmplitude;
    int seasonalPeakDay;
    int seasonalHarmonic;
    Map<MonthDay, Double> holidays = new LinkedHashMap<>();
    double[] weekdayHours;
    double[] weekendHours;

    // ---- catalogue, places and pages ----
    List<Item> items = new ArrayList<>();
    String[] stores;
    String[] storeCities;
    String[] cities;
    String[] acquisitionChannels;
    double[] acquisitionWeights;
    String[] sessionChannels;
    double[] sessionChannelWeights;
    String registerPage;
    String landingPage;
    String catalogPage;
    String categoryPagePrefix;
    String cartPage;
    String checkoutPage;
    String successPage;
    String[] extraPages;
    /** Education: the free trial lesson seen before the first purchase; else {@code null}. */
    String trialPage;
    /** Education: the lesson pages of a bought course ({@code /learn/<id>}); else {@code null}. */
    String learnPagePrefix;

    private ProfileModel(Profile profile) {
        this.profile = profile;
    }

    static ProfileModel of(Profile profile) {
        switch (profile) {
            case TEA_CHAIN:
                return teaChain();
            case ECOMMERCE:
                return ecommerce();
            case EDUCATION:
                return education();
        }
        throw new AssertionError(profile);
    }

    List<String> categories() {
        return items.stream().map(Item::category).distinct().toList();
    }

    private void item(String id, String category, String name, String nameZh, String price, int cycleDays,
                      double popularity, String pagePrefix) {
        long cents = new java.math.BigDecimal(price).movePointRight(2).longValueExact();
        items.add(new Item(id, category, name, nameZh, cents, cycleDays, popularity, pagePrefix + id));
    }

    private static ProfileModel teaChain() {
        ProfileModel m = new ProfileModel(Profile.TEA_CHAIN);
        m.prefix = "tc";
        m.description = "A milk-tea chain of 12 stores in four cities with a WeChat mini-program for "
                + "order-ahead pickup; paid members hold a monthly or annual card.";
        // About one drink every two weeks for an ordinary customer, widely spread (CV ≈ 0.88).
        m.rateShape = 1.3;
        m.rateMean = 0.07;
        // Mean p = 1.2 / 10.2 ≈ 0.12: about eight orders before a customer leaves.
        m.dropoutA = 1.2;
        m.dropoutB = 9.0;
        m.paidShare = 0.18; // the seeds: paid members are more than 15% of members
        m.paidTiers = new String[] {"gold", "silver"};
        m.paidTierWeights = new double[] {0.35, 0.65};
        m.regularTier = "regular";
        m.conversion = 0.78;
        m.segmentWeights = new double[] {0.45, 0.30, 0.25};
        m.habitShare = 0.10;
        m.immediateFirstPurchase = 0.6; // people sign up in the mini-program to order
        m.firstPurchaseDelayMean = 4;
        m.windowShopperSpanMean = 6;
        m.ageWeights = new double[] {0.40, 0.38, 0.15, 0.07};

        m.browsePerPurchase = 0.4;
        m.baseBrowseRate = 0.01;
        m.bounceRate = 0.35;
        m.onlineShare = 0.65;
        m.offlineChannel = "store";
        m.extraLine = 0.40;
        m.quantityWeights = new double[] {0.80, 0.15, 0.05};
        m.memberDiscount = 0.90;
        m.refundShare = 0.012;
        m.reviewShare = 0.05;
        m.complaintShare = 0.008;
        m.groupJoinShare = 0.30;
        m.exitSurveyResponse = 0.25;
        m.winbackDays = 21;
        m.churnReasons = ChurnReason.values();
        m.churnWeights = new double[] {0.22, 0.22, 0.07, 0.10, 0.22, 0.12, 0.05};
        m.refundReasons = new ChurnReason[] {ChurnReason.QUALITY, ChurnReason.SLOW_DELIVERY, ChurnReason.SERVICE};

        // Weekends and Friday afternoons are busier; summer is the high season.
        m.weekly = new double[] {0.85, 0.85, 0.90, 0.95, 1.10, 1.25, 1.15};
        m.seasonalAmplitude = 0.25;
        m.seasonalPeakDay = 200;
        m.seasonalHarmonic = 1;
        m.holidays.put(MonthDay.of(2, 14), 1.5);
        m.holidays.put(MonthDay.of(5, 20), 1.4);
        m.holidays.put(MonthDay.of(8, 8), 1.8); // 秋天的第一杯奶茶, around the start of autumn
        m.holidays.put(MonthDay.of(10, 1), 1.3);
        m.holidays.put(MonthDay.of(10, 2), 1.3);
        m.holidays.put(MonthDay.of(12, 24), 1.3);
        // Stores open 09:00-22:00: lunch, afternoon tea and evening peaks; weekends start later.
        m.weekdayHours = hours(9, new double[] {2, 4, 6, 9, 8, 7, 8, 7, 6, 5, 6, 5, 3});
        m.weekendHours = hours(9, new double[] {1, 3, 5, 7, 8, 8, 9, 8, 7, 6, 7, 6, 4});

        String item = "/item/";
        m.item("MT01", "milk-tea", "Classic milk tea", "经典奶茶", "15.00", 0, 10, item);
        m.item("MT02", "milk-tea", "Brown sugar boba milk", "黑糖波波牛乳", "18.00", 0, 9, item);
        m.item("MT03", "milk-tea", "Taro milk tea", "芋泥奶茶", "19.00", 0, 7, item);
        m.item("FT01", "fruit-tea", "Grape cheese tea", "多肉葡萄", "22.00", 0, 8, item);
        m.item("FT02", "fruit-tea", "Full-cup orange", "满杯橙橙", "19.00", 0, 6, item);
        m.item("FT03", "fruit-tea", "Mango pomelo sago", "杨枝甘露", "21.00", 0, 7, item);
        m.item("CF01", "coffee", "Americano", "美式咖啡", "12.00", 0, 4, item);
        m.item("CF02", "coffee", "Coconut latte", "生椰拿铁", "18.00", 0, 6, item);
        m.item("SN01", "snack", "Egg tart", "葡式蛋挞", "8.00", 0, 4, item);
        m.item("SN02", "snack", "Cheese bread", "芝士欧包", "12.00", 0, 3, item);
        m.item("TL01", "tea-leaves", "Jasmine tea 250 g", "茉莉花茶 250 克", "68.00", 30, 1.5, item);
        m.item("TL02", "tea-leaves", "Cold-brew tea bags x20", "冷泡茶包 20 袋", "39.00", 14, 2, item);
        m.item("MC01", "merch", "Tumbler", "随行杯", "59.00", 0, 0.6, item);
        m.stores = new String[] {"S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10", "S11", "S12"};
        m.storeCities = new String[] {"Shanghai", "Shanghai", "Shanghai", "Shanghai", "Shanghai", "Hangzhou",
            "Hangzhou", "Hangzhou", "Suzhou", "Suzhou", "Nanjing", "Nanjing"};
        m.acquisitionChannels = new String[] {"mini_program", "store", "meituan"};
        m.acquisitionWeights = new double[] {0.55, 0.30, 0.15};
        m.sessionChannels = new String[] {"mini_program"};
        m.sessionChannelWeights = new double[] {1};
        m.registerPage = "/register";
        m.landingPage = "/home";
        m.catalogPage = "/menu";
        m.categoryPagePrefix = "/menu/";
        m.cartPage = "/cart";
        m.checkoutPage = "/checkout";
        m.successPage = "/order/status";
        m.extraPages = new String[] {"/member", "/coupons", "/stores"};
        return m;
    }

    private static ProfileModel ecommerce() {
        ProfileModel m = new ProfileModel(Profile.ECOMMERCE);
        m.prefix = "ec";
        m.description = "An online pet and household supplies shop (app, web and mini-program) with "
                + "consumables such as cat litter and coffee beans; paid members hold a PLUS card.";
        // About one order every 40 days, very spread (CV ≈ 1.05): many one-off buyers, a loyal core.
        m.rateShape = 0.9;
        m.rateMean = 0.025;
        // Mean p = 1 / 6 ≈ 0.17.
        m.dropoutA = 1.0;
        m.dropoutB = 5.0;
        m.paidShare = 0.10;
        m.paidTiers = new String[] {"plus"};
        m.paidTierWeights = new double[] {1};
        m.regularTier = "regular";
        m.conversion = 0.55;
        m.segmentWeights = new double[] {0.30, 0.40, 0.30};
        m.habitShare = 0.35;
        m.immediateFirstPurchase = 0.15;
        m.firstPurchaseDelayMean = 5;
        m.windowShopperSpanMean = 10;
        m.ageWeights = new double[] {0.20, 0.42, 0.26, 0.12};

        m.browsePerPurchase = 2.5;
        m.baseBrowseRate = 0.02;
        m.bounceRate = 0.40;
        m.onlineShare = 1.0;
        m.offlineChannel = "store";
        m.extraLine = 0.35;
        m.quantityWeights = new double[] {0.75, 0.20, 0.05};
        m.memberDiscount = 0.95;
        m.refundShare = 0.06;
        m.reviewShare = 0.12;
        m.complaintShare = 0.015;
        m.groupJoinShare = 0.12;
        m.exitSurveyResponse = 0.20;
        m.winbackDays = 45;
        m.churnReasons = ChurnReason.values();
        m.churnWeights = new double[] {0.30, 0.15, 0.20, 0.02, 0.20, 0.08, 0.05};
        m.refundReasons = new ChurnReason[] {ChurnReason.QUALITY, ChurnReason.SLOW_DELIVERY, ChurnReason.PRICE};

        // Flat over the week with a little more at weekends; shopping festivals dominate.
        m.weekly = new double[] {1.00, 0.98, 0.98, 0.98, 0.94, 1.04, 1.08};
        m.seasonalAmplitude = 0.10;
        m.seasonalPeakDay = 330;
        m.seasonalHarmonic = 1;
        m.holidays.put(MonthDay.of(6, 18), 2.5);
        m.holidays.put(MonthDay.of(11, 10), 1.5);
        m.holidays.put(MonthDay.of(11, 11), 3.5);
        m.holidays.put(MonthDay.of(12, 12), 1.8);
        // Open all night; the evening peak is 20:00-23:00.
        m.weekdayHours = hours(0, new double[] {3, 2, 1, 0.5, 0.5, 0.5, 1, 2, 3, 4, 5, 5,
            6, 5, 4, 4, 4, 4, 5, 6, 8, 9, 8, 5});
        m.weekendHours = hours(0, new double[] {4, 3, 1.5, 0.7, 0.5, 0.5, 0.8, 1.5, 3, 5, 6, 6,
            6, 6, 5, 5, 5, 5, 5, 6, 8, 9, 8, 6});

        String item = "/item/";
        m.item("CL01", "cat-supplies", "Tofu cat litter 6 kg", "豆腐猫砂 6 公斤", "49.90", 30, 8, item);
        m.item("CF01", "cat-supplies", "Cat food 2 kg", "猫粮 2 公斤", "129.00", 35, 6, item);
        m.item("CT01", "cat-supplies", "Cat scratcher", "猫抓板", "39.00", 0, 3, item);
        m.item("DF01", "dog-supplies", "Dog food 5 kg", "狗粮 5 公斤", "189.00", 40, 5, item);
        m.item("DL01", "dog-supplies", "Dog leash", "牵引绳", "45.00", 0, 2, item);
        m.item("CB01", "coffee", "Coffee beans 500 g", "咖啡豆 500 克", "88.00", 21, 5, item);
        m.item("CM01", "coffee", "Hand grinder", "手摇磨豆机", "159.00", 0, 1.5, item);
        m.item("PT01", "household", "Tissues 24 packs", "抽纸 24 包", "59.90", 45, 7, item);
        m.item("HB01", "household", "Storage box", "收纳箱", "45.00", 0, 3, item);
        m.item("SH01", "personal-care", "Shampoo 750 ml", "洗发水 750 毫升", "58.00", 60, 4, item);
        m.item("TB01", "personal-care", "Electric toothbrush", "电动牙刷", "199.00", 0, 1.5, item);
        m.item("EB01", "electronics", "Wireless earbuds", "无线耳机", "299.00", 0, 1.5, item);
        m.stores = new String[] {"EC01"};
        m.storeCities = null;
        m.cities = new String[] {"Shanghai", "Beijing", "Guangzhou", "Shenzhen", "Chengdu", "Hangzhou", "Wuhan",
            "Xi'an"};
        m.acquisitionChannels = new String[] {"douyin", "search", "wechat", "app_store", "referral"};
        m.acquisitionWeights = new double[] {0.30, 0.25, 0.20, 0.15, 0.10};
        m.sessionChannels = new String[] {"app", "web", "mini_program"};
        m.sessionChannelWeights = new double[] {0.60, 0.25, 0.15};
        m.registerPage = "/register";
        m.landingPage = "/";
        m.catalogPage = "/search";
        m.categoryPagePrefix = "/category/";
        m.cartPage = "/cart";
        m.checkoutPage = "/checkout";
        m.successPage = "/order/success";
        m.extraPages = new String[] {"/account", "/coupons", "/search"};
        return m;
    }

    private static ProfileModel education() {
        ProfileModel m = new ProfileModel(Profile.EDUCATION);
        m.prefix = "ed";
        m.description = "A course provider with online classes and three campuses; learners try a free "
                + "lesson, buy courses and renew course-hour packs; paid members hold a VIP card.";
        // About one purchase every 80 days, fairly regular across learners (CV ≈ 0.71).
        m.rateShape = 2.0;
        m.rateMean = 0.0125;
        // Mean p = 2 / 8 = 0.25: most learners take two to four courses.
        m.dropoutA = 2.0;
        m.dropoutB = 6.0;
        m.paidShare = 0.15;
        m.paidTiers = new String[] {"vip"};
        m.paidTierWeights = new double[] {1};
        m.regularTier = "regular";
        m.conversion = 0.40; // trial-to-paid
        m.segmentWeights = new double[] {0.35, 0.40, 0.25};
        m.habitShare = 0.45;
        m.immediateFirstPurchase = 0.05;
        m.firstPurchaseDelayMean = 10;
        m.windowShopperSpanMean = 14;
        m.ageWeights = new double[] {0.25, 0.30, 0.35, 0.10};

        m.browsePerPurchase = 1.0;
        m.baseBrowseRate = 0.20; // lesson visits, about 1.4 a week while enrolled
        m.bounceRate = 0.20;
        m.onlineShare = 0.80;
        m.offlineChannel = "campus";
        m.extraLine = 0.12;
        m.quantityWeights = new double[] {1};
        m.memberDiscount = 0.90;
        m.refundShare = 0.03;
        m.reviewShare = 0.20;
        m.complaintShare = 0.02;
        m.groupJoinShare = 0.65;
        m.exitSurveyResponse = 0.30;
        m.winbackDays = 60;
        m.churnReasons = new ChurnReason[] {ChurnReason.PRICE, ChurnReason.QUALITY, ChurnReason.MOVED_AWAY,
            ChurnReason.FOUND_ALTERNATIVE, ChurnReason.SERVICE, ChurnReason.NO_LONGER_NEEDED};
        m.churnWeights = new double[] {0.25, 0.20, 0.05, 0.15, 0.10, 0.25};
        m.refundReasons = new ChurnReason[] {ChurnReason.QUALITY, ChurnReason.PRICE, ChurnReason.SERVICE};

        // Weekends are class days; terms start in March and September (two yearly peaks).
        m.weekly = new double[] {0.90, 0.90, 0.90, 0.90, 0.80, 1.40, 1.30};
        m.seasonalAmplitude = 0.20;
        m.seasonalPeakDay = 70;
        m.seasonalHarmonic = 2;
        m.holidays.put(MonthDay.of(8, 28), 1.5);
        m.holidays.put(MonthDay.of(9, 1), 1.6);
        m.holidays.put(MonthDay.of(2, 25), 1.3);
        // 07:00-22:00; evenings after school and work on weekdays, mornings and afternoons at weekends.
        m.weekdayHours = hours(7, new double[] {1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 2, 3, 5, 7, 6});
        m.weekendHours = hours(7, new double[] {2, 5, 7, 6, 3, 3, 6, 6, 5, 3, 3, 3, 3, 2, 1});

        String course = "/course/";
        m.item("PY101", "programming", "Python basics", "Python 入门", "399.00", 0, 6, course);
        m.item("DA201", "programming", "Data analysis with SQL", "SQL 数据分析", "899.00", 0, 4, course);
        m.item("EN201", "language", "IELTS speaking", "雅思口语", "1999.00", 0, 5, course);
        m.item("EN101", "language", "Everyday English", "日常英语", "699.00", 0, 5, course);
        m.item("MA301", "math", "Competition math", "竞赛数学", "2980.00", 0, 3, course);
        m.item("AR101", "art", "Sketching", "素描基础", "599.00", 0, 3, course);
        m.item("PK04", "course-hours", "4-lesson pack", "4 课时包", "680.00", 28, 4, course);
        m.item("PK08", "course-hours", "8-lesson pack", "8 课时包", "1280.00", 56, 5, course);
        m.item("BK01", "materials", "Workbook set", "练习册套装", "129.00", 0, 2, course);
        m.stores = new String[] {"SH-01", "SH-02", "BJ-01"};
        m.storeCities = new String[] {"Shanghai", "Shanghai", "Beijing"};
        m.acquisitionChannels = new String[] {"app", "web", "referral", "xiaohongshu"};
        m.acquisitionWeights = new double[] {0.30, 0.25, 0.25, 0.20};
        m.sessionChannels = new String[] {"app", "web"};
        m.sessionChannelWeights = new double[] {0.65, 0.35};
        m.registerPage = "/register";
        m.landingPage = "/home";
        m.catalogPage = "/courses";
        m.categoryPagePrefix = "/courses/";
        m.cartPage = "/enroll";
        m.checkoutPage = "/pay";
        m.successPage = "/pay/success";
        m.extraPages = new String[] {"/teachers", "/account", "/schedule"};
        m.trialPage = "/trial";
        m.learnPagePrefix = "/learn/";
        return m;
    }

    /** Hour weights for a day: {@code weights[i]} for hour {@code open + i}, zero when closed. */
    private static double[] hours(int open, double[] weights) {
        double[] day = new double[24];
        System.arraycopy(weights, 0, day, open, weights.length);
        return day;
    }

    /** The parameters shop.json reports, in a stable order. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", description);
        out.put("currency", "CNY");
        out.put("purchase_rate", Map.of("distribution", "gamma", "shape", rateShape, "mean_per_day", rateMean,
                "paid_member_multiplier", PAID_RATE_MULTIPLIER, "max_per_day", MAX_RATE));
        out.put("dropout_probability", Map.of("distribution", "beta", "a", dropoutA, "b", dropoutB,
                "paid_member_multiplier", PAID_DROPOUT_MULTIPLIER, "group_member_multiplier", GROUP_DROPOUT_MULTIPLIER));
        out.put("paid_member_share", paidShare);
        out.put("conversion", conversion);
        out.put("consumable_habit_share", habitShare);
        out.put("online_share", onlineShare);
        out.put("refund_share", refundShare);
        out.put("review_share", reviewShare);
        out.put("group_join_share", groupJoinShare);
        out.put("winback_days", winbackDays);
        out.put("items", items.size());
        return sortedCopy(out);
    }

    private static Map<String, Object> sortedCopy(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> map ? new java.util.TreeMap<>(map) : v));
        return out;
    }
}
