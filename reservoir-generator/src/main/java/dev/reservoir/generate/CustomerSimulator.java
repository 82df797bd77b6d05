package dev.reservoir.generate;

import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.EventType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates one customer's whole life in the window. A pure function of (spec, customer
 * index): the customer's random generator is derived from both, so customers can be
 * simulated in any order, on any thread, and always come out the same.
 *
 * <p>The story, in order: latent traits are drawn (membership, segment, λ, p, habit item);
 * the customer registers; purchases follow a renewal process in operational time (Poisson for
 * most, gamma-distributed gaps around a use-up cycle for consumable habits) and after each
 * purchase the customer leaves for good with probability p; around the purchases come browse
 * sessions, abandoned carts, lessons, group membership, coupons, refunds, reviews, complaints
 * and, after leaving, exit surveys. docs/generator.md has the numbers.
 */
final class CustomerSimulator {

    /**
     * One simulated customer: its profile, its truth and its events as rows sorted by time (event
     * {@code i} of the customer is row {@code i}). {@link #events()} turns the rows into events.
     */
    record Result(int index, String idPrefix, Customer customer, CustomerTruth truth, List<Row> rows) {

        List<Event> events() {
            List<Event> out = new ArrayList<>(rows.size());
            String customerId = customer.customerId();
            for (int seq = 0; seq < rows.size(); seq++) {
                Row r = rows.get(seq);
                BigDecimal amount = r.cents == Long.MIN_VALUE ? null : BigDecimal.valueOf(r.cents, 2);
                out.add(new Event(idPrefix + seq, customerId, null, Instant.ofEpochSecond(r.epoch), r.type,
                        r.page, r.itemId, r.category, r.order == 0 ? null : idPrefix + "o" + r.order,
                        r.quantity < 0 ? null : r.quantity, amount, amount == null ? null : CURRENCY, r.store,
                        r.channel, r.session == 0 ? null : idPrefix + "s" + r.session, r.properties));
            }
            return out;
        }
    }

    /**
     * The id prefix of customer {@code index}: its events are {@code <prefix>-<index>-<seq>},
     * sessions {@code <prefix>-<index>-s<n>}, orders {@code <prefix>-<index>-o<n>} and coupons
     * {@code <prefix>-<index>-c<n>}, counted from 0 (events) or 1 (the rest). ShopFiles builds
     * the same ids in SQL.
     */
    static String idPrefix(String profilePrefix, int index) {
        return profilePrefix + "-" + index + "-";
    }

    static final String CURRENCY = "CNY";
    /** Where group events and messages to group members happen; other messages go by SMS. */
    static final String GROUP_CHANNEL = "wecom";
    static final String SMS_CHANNEL = "sms";
    /** Sessions last under half an hour, so one starting this long before the end fits in the window. */
    private static final long SESSION_ROOM = 1_800;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;

    private final GeneratorSpec spec;
    private final ProfileModel m;
    private final ShopCalendar cal;
    private final Item[] items;
    private final List<String> categories;
    private final String[] categoryPages;
    /** Per favourite category, cumulative item weights: the favourite category counts three times. */
    private final double[][] itemCumulative;
    private final Item[] consumables;
    private final double[] consumableWeights;
    private final long latestRegistration;
    private final long latestSessionStart;

    CustomerSimulator(GeneratorSpec spec) {
        this.spec = spec;
        this.m = ProfileModel.of(spec.profile());
        this.cal = new ShopCalendar(spec, m);
        this.items = m.items.toArray(Item[]::new);
        this.categories = m.categories();
        this.categoryPages = categories.stream().map(c -> m.categoryPagePrefix + c).toArray(String[]::new);
        this.itemCumulative = new double[categories.size()][items.length];
        for (int fav = 0; fav < categories.size(); fav++) {
            double total = 0;
            for (int i = 0; i < items.length; i++) {
                boolean favourite = items[i].category().equals(categories.get(fav));
                total += items[i].popularity() * (favourite ? 3 : 1);
                itemCumulative[fav][i] = total;
            }
        }
        this.consumables = m.items.stream().filter(Item::consumable).toArray(Item[]::new);
        this.consumableWeights = m.items.stream().filter(Item::consumable).mapToDouble(Item::popularity).toArray();
        // Registrations leave an hour, sessions half an hour, before the window closes, so that
        // every session fits in the window and still follows its customer's registration.
        this.latestRegistration = cal.windowEnd() - 2 * SESSION_ROOM;
        this.latestSessionStart = cal.windowEnd() - SESSION_ROOM - 1;
    }

    ProfileModel model() {
        return m;
    }

    ShopCalendar calendar() {
        return cal;
    }

    /** The id of customer {@code index} (1-based): {@code C000123}. */
    static String customerId(int index) {
        String digits = Integer.toString(index);
        return digits.length() >= 6 ? "C" + digits : "C" + "000000".substring(digits.length()) + digits;
    }

    Result simulate(int index) {
        return new Run(index).run();
    }

    /**
     * An event in compact form: sessions and orders by number, money in fen, absent numbers as
     * {@code -1} / {@link Long#MIN_VALUE} / {@code 0}. Ids come from the row's place once a
     * customer's rows are sorted. Written once by the simulator, then only read.
     */
    static final class Row {
        final long epoch;
        final EventType type;
        String page;
        String itemId;
        String category;
        /** The customer's order number, from 1; 0 for none. */
        int order;
        long quantity = -1;
        long cents = Long.MIN_VALUE;
        String store;
        String channel;
        /** The customer's session number, from 1; 0 for none. */
        int session;
        Map<String, String> properties = Map.of();

        Row(long epoch, EventType type) {
            this.epoch = epoch;
            this.type = type;
        }
    }

    private record Line(Item item, long quantity, long cents) {
    }

    private static final class Order {
        final int number;
        final List<Line> lines;
        final String channel;
        final String store;
        long epoch;

        Order(int number, List<Line> lines, String channel, String store) {
            this.number = number;
            this.lines = lines;
            this.channel = channel;
            this.store = store;
        }
    }

    /** One customer's simulation: all its state lives here, on one thread. */
    private final class Run {
        final int index;
        final SplittableRandom rng;
        final String customerId;
        final String idPrefix;
        final List<Row> rows = new ArrayList<>(128);
        int sessions;
        int orders;
        int coupons;
        /** The furthest step of page_view → add_to_cart → checkout → purchase one online session reached (0: none). */
        int funnelStage;

        // Latent traits.
        boolean paid;
        String tier;
        int storeIndex;
        String store;
        String acquisition;
        String device;
        String city;
        String ageBand;
        boolean groupMember;
        boolean converter;
        int segment = -1;
        double abandon;
        Item habit;
        double cycle;
        double rate;
        double dropout;
        int favourite;
        String messageChannel;

        Run(int index) {
            this.index = index;
            this.rng = Rng.forCustomer(spec.seed(), index);
            this.customerId = customerId(index);
            this.idPrefix = idPrefix(m.prefix, index);
        }

        Result run() {
            drawTraits();
            double regTau = cal.tauOfCalendar(registrationDay());
            long regEpoch = Math.min(cal.epochOfTau(regTau), latestRegistration);
            Row register = add(regEpoch, EventType.REGISTER, acquisition);
            register.page = m.registerPage;
            String welcomeCoupon = couponSent(regEpoch + 5, "welcome");

            List<Double> taus = new ArrayList<>();
            List<Order> placed = new ArrayList<>();
            boolean dropped = false;
            double aliveEnd;
            LocalDate dropoutDate = null;
            ChurnReason reason = null;

            // Most newcomers look around right after signing up; education's first look is the free trial.
            boolean immediate = converter && Rng.chance(rng, m.immediateFirstPurchase);
            long lastVisit = regEpoch;
            if (m.trialPage != null || (!immediate && Rng.chance(rng, 0.7))) {
                lastVisit = browseSession(regEpoch + Rng.between(rng, 30, 600), true);
            }
            if (converter) {
                double tau = immediate ? regTau : regTau + Rng.exponential(rng, m.firstPurchaseDelayMean);
                long epoch = immediate ? regEpoch + Rng.between(rng, 120, 900) : cal.epochOfTau(tau);
                while (tau < cal.endTau() && epoch < cal.windowEnd()) {
                    taus.add(tau);
                    placed.add(placeOrder(epoch));
                    if (Rng.chance(rng, dropout)) {
                        dropped = true;
                        break;
                    }
                    // A pack runs out in calendar time, whatever the season; other buying follows the shop's rhythm.
                    tau = habit != null
                            ? cal.tauOfCalendar(cal.calendarOfTau(tau) + Rng.gamma(rng, ProfileModel.HABIT_GAP_SHAPE, cycle))
                            : tau + Rng.exponential(rng, 1 / rate);
                    epoch = cal.epochOfTau(tau);
                }
                aliveEnd = dropped ? taus.get(taus.size() - 1) : cal.endTau();
                if (dropped) {
                    Order last = placed.get(placed.size() - 1);
                    dropoutDate = cal.dateOfEpoch(last.epoch);
                    reason = m.churnReasons[Rng.weighted(rng, m.churnWeights)];
                }
                if (welcomeCoupon != null && !placed.isEmpty() && placed.get(0).epoch - regEpoch <= 14 * DAY) {
                    redeem(placed.get(0), welcomeCoupon, "welcome");
                }
                afterOrders(placed, reason);
                winBack(placed, reason);
                if (m.learnPagePrefix != null && !taus.isEmpty()) {
                    lessons(taus.get(0), aliveEnd, learnCourse(placed));
                }
                // Abandoned carts: q / (1 - q) of them per online order, so that a share q of the
                // sessions with a cart ends without an order.
                double q = Math.min(abandon, 0.9);
                poissonSessions(regTau, aliveEnd, rate * m.onlineShare * q / (1 - q), true);
                double browseRate = rate * m.browsePerPurchase + (m.learnPagePrefix == null ? m.baseBrowseRate : 0);
                poissonSessions(regTau, aliveEnd, browseRate, false);
                if (dropped && Rng.chance(rng, ProfileModel.LINGER)) {
                    int n = Rng.between(rng, 1, 2);
                    for (int i = 0; i < n; i++) {
                        long epoch2 = cal.epochOfTau(aliveEnd + Rng.uniform(rng, 1, 21));
                        if (epoch2 < cal.windowEnd()) {
                            browseSession(epoch2, false);
                        }
                    }
                }
            } else {
                // A window shopper browses a few times over the first days, maybe fills a cart, and is gone.
                aliveEnd = regTau + Rng.exponential(rng, m.windowShopperSpanMean);
                int visits = Rng.between(rng, 1, 3);
                for (int i = 0; i < visits; i++) {
                    long epoch = cal.epochOfTau(Rng.uniform(rng, regTau, aliveEnd));
                    if (epoch < cal.windowEnd()) {
                        boolean cart = i == 0 && Rng.chance(rng, 0.4);
                        long end = cart ? abandonedCart(epoch) : browseSession(epoch, false);
                        lastVisit = Math.max(lastVisit, end);
                    }
                }
                if (aliveEnd < cal.endTau()) {
                    dropoutDate = cal.dateOfEpoch(lastVisit);
                    dropped = true;
                }
            }
            if (groupMember) {
                group(regTau, aliveEnd, dropped);
            }

            Customer customer = new Customer(customerId, Instant.ofEpochSecond(regEpoch), paid, tier, store,
                    acquisition, Map.of("city", city, "age_band", ageBand));
            CustomerTruth truth = new CustomerTruth(customerId, converter ? rate : 0, converter ? dropout : 0,
                    dropoutDate, paid, converter ? ProfileModel.SEGMENTS[segment] : ProfileModel.WINDOW_SHOPPER,
                    converter ? abandon : 1, cal.dateOfEpoch(regEpoch), habit == null ? null : habit.id(),
                    habit == null ? 0 : cycle, reason == null ? null : reason.code(), funnelStage);
            return new Result(index, idPrefix, customer, truth, sortedRows());
        }

        private void drawTraits() {
            paid = Rng.chance(rng, m.paidShare);
            tier = paid ? m.paidTiers[Rng.weighted(rng, m.paidTierWeights)] : m.regularTier;
            storeIndex = rng.nextInt(m.stores.length);
            store = m.stores[storeIndex];
            city = m.storeCities != null ? m.storeCities[storeIndex] : m.cities[rng.nextInt(m.cities.length)];
            ageBand = ProfileModel.AGE_BANDS[Rng.weighted(rng, m.ageWeights)];
            acquisition = m.acquisitionChannels[Rng.weighted(rng, m.acquisitionWeights)];
            device = m.sessionChannels[Rng.weighted(rng, m.sessionChannelWeights)];
            groupMember = Rng.chance(rng, m.groupJoinShare);
            messageChannel = groupMember ? GROUP_CHANNEL : SMS_CHANNEL;
            // A paid card is bought to be used: paid members have all bought at least once.
            converter = Rng.chance(rng, m.conversion) || paid;
            favourite = rng.nextInt(categories.size());
            if (converter) {
                segment = Rng.weighted(rng, m.segmentWeights);
                double[] range = ProfileModel.ABANDON_RANGE[segment];
                abandon = Rng.uniform(rng, range[0], range[1]);
                if (consumables.length > 0 && Rng.chance(rng, m.habitShare)) {
                    habit = consumables[Rng.weighted(rng, consumableWeights)];
                    // The household's own cycle: bigger households use a pack up sooner.
                    cycle = habit.cycleDays() * Rng.uniform(rng, 0.8, 1.25);
                    rate = 1 / cycle;
                } else {
                    double multiplier = paid ? ProfileModel.PAID_RATE_MULTIPLIER : 1;
                    rate = Math.min(ProfileModel.MAX_RATE, Rng.gamma(rng, m.rateShape, m.rateMean) * multiplier);
                }
                double p = Rng.beta(rng, m.dropoutA, m.dropoutB);
                p *= paid ? ProfileModel.PAID_DROPOUT_MULTIPLIER : 1;
                p *= groupMember ? ProfileModel.GROUP_DROPOUT_MULTIPLIER : 1;
                dropout = Math.min(1, p);
            } else {
                segment = 1; // browses like an explorer
            }
        }

        /** Calendar days since the start: a truncated exponential, so more customers arrive early. */
        private double registrationDay() {
            double k = ProfileModel.ARRIVAL_DECAY;
            double u = rng.nextDouble();
            double x = -Math.log1p(-u * (1 - Math.exp(-k))) / k;
            return Math.min(x, Math.nextDown(1.0)) * cal.days();
        }

        // ---- events ----

        private Row add(long epoch, EventType type, String channel) {
            Row d = new Row(epoch, type);
            d.store = store;
            d.channel = channel;
            rows.add(d);
            return d;
        }

        private Row page(long epoch, EventType type, String page, int session) {
            Row d = add(epoch, type, device);
            d.page = page;
            d.session = session;
            return d;
        }

        private int newSession() {
            return ++sessions;
        }

        private long sessionStart(long epoch) {
            return Math.min(epoch, latestSessionStart);
        }

        private Item pickItem() {
            return items[Rng.cumulative(rng, itemCumulative[favourite])];
        }

        private String randomPage() {
            int kind = rng.nextInt(10);
            if (kind < 2) {
                return m.catalogPage;
            } else if (kind < 5) {
                return rng.nextInt(3) == 0 ? categoryPages[rng.nextInt(categoryPages.length)] : categoryPages[favourite];
            } else if (kind < 9) {
                return pickItem().page();
            }
            return m.extraPages[rng.nextInt(m.extraPages.length)];
        }

        /** A visit with page views and no cart; returns the epoch of its last event. */
        private long browseSession(long epoch, boolean first) {
            long t = sessionStart(epoch);
            int session = newSession();
            funnelStage = Math.max(funnelStage, 1);
            page(t, EventType.VISIT, m.landingPage, session);
            page(t, EventType.PAGE_VIEW, m.landingPage, session);
            if (m.trialPage != null && first) {
                t += Rng.between(rng, 10, 60);
                page(t, EventType.PAGE_VIEW, m.catalogPage, session);
                t += Rng.between(rng, 10, 90);
                page(t, EventType.PAGE_VIEW, pickItem().page(), session);
                t += Rng.between(rng, 20, 120);
                page(t, EventType.PAGE_VIEW, m.trialPage, session);
                return t;
            }
            if (Rng.chance(rng, m.bounceRate)) {
                return t;
            }
            int[] range = ProfileModel.BROWSE_PAGES[Math.max(segment, 1)];
            int pages = Rng.between(rng, Math.max(1, range[0]), range[1]);
            for (int i = 0; i < pages; i++) {
                t += Rng.between(rng, 5, 60);
                page(t, EventType.PAGE_VIEW, randomPage(), session);
            }
            return t;
        }

        /** A lesson: the landing page, then one to three parts of the course. */
        private void lesson(long epoch, String coursePage) {
            long t = sessionStart(epoch);
            int session = newSession();
            funnelStage = Math.max(funnelStage, 1);
            page(t, EventType.VISIT, m.landingPage, session);
            page(t, EventType.PAGE_VIEW, m.landingPage, session);
            int parts = Rng.between(rng, 1, 3);
            for (int i = 0; i < parts; i++) {
                t += Rng.between(rng, i == 0 ? 5 : 120, i == 0 ? 30 : 480);
                page(t, EventType.PAGE_VIEW, coursePage, session);
            }
        }

        private void browsePages(long[] clock, int session) {
            int[] range = ProfileModel.BROWSE_PAGES[segment];
            int pages = Rng.between(rng, range[0], range[1]);
            for (int i = 0; i < pages; i++) {
                clock[0] += Rng.between(rng, 5, 45);
                page(clock[0], EventType.PAGE_VIEW, randomPage(), session);
            }
        }

        private List<Line> lines() {
            int n = 1;
            while (n < 5 && Rng.chance(rng, m.extraLine)) {
                n++;
            }
            List<Line> lines = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Item item = i == 0 && habit != null ? habit : pickItem();
                boolean repeat = false;
                for (Line l : lines) {
                    repeat |= l.item() == item;
                }
                if (repeat) {
                    continue; // a second pick of the same item: keep the order's lines distinct
                }
                long quantity = 1 + Rng.weighted(rng, m.quantityWeights);
                double price = item.priceCents() * quantity * (paid ? m.memberDiscount : 1);
                lines.add(new Line(item, quantity, Math.round(price)));
            }
            return lines;
        }

        /** An order placed at about {@code epoch}, online through a session or offline at a counter. */
        private Order placeOrder(long epoch) {
            int orderNumber = ++orders;
            List<Line> lines = lines();
            boolean online = m.onlineShare >= 1 || Rng.chance(rng, m.onlineShare);
            if (!online) {
                // At the counter, mostly in the home store.
                String at = m.stores.length > 1 && Rng.chance(rng, 0.15) ? m.stores[rng.nextInt(m.stores.length)] : store;
                Order order = new Order(orderNumber, lines, m.offlineChannel, at);
                order.epoch = sessionStart(epoch);
                purchaseLines(order, null, 0);
                return order;
            }
            long[] t = {sessionStart(epoch)};
            int session = newSession();
            funnelStage = 4; // page views, a cart, the checkout and the purchase, in this order, in one session
            page(t[0], EventType.VISIT, m.landingPage, session);
            page(t[0], EventType.PAGE_VIEW, m.landingPage, session);
            browsePages(t, session);
            long total = 0;
            long quantity = 0;
            for (Line line : lines) {
                t[0] += Rng.between(rng, 5, 30);
                page(t[0], EventType.PAGE_VIEW, line.item().page(), session);
                t[0] += Rng.between(rng, 3, 20);
                Row cart = page(t[0], EventType.ADD_TO_CART, line.item().page(), session);
                lineFields(cart, line, 1);
                total += line.cents();
                quantity += line.quantity();
            }
            t[0] += Rng.between(rng, 3, 15);
            page(t[0], EventType.PAGE_VIEW, m.cartPage, session);
            t[0] += Rng.between(rng, 5, 40);
            Row checkout = page(t[0], EventType.CHECKOUT, m.checkoutPage, session);
            checkout.order = orderNumber;
            checkout.quantity = quantity;
            checkout.cents = total;
            t[0] += Rng.between(rng, 5, 60);
            Order order = new Order(orderNumber, lines, device, store);
            order.epoch = t[0];
            purchaseLines(order, m.successPage, session);
            return order;
        }

        private void purchaseLines(Order order, String page, int session) {
            for (Line line : order.lines) {
                Row d = add(order.epoch, EventType.PURCHASE, order.channel);
                d.store = order.store;
                d.page = page;
                d.session = session;
                d.order = order.number;
                lineFields(d, line, 1);
            }
        }

        private void lineFields(Row d, Line line, int sign) {
            d.itemId = line.item().id();
            d.category = line.item().category();
            d.quantity = line.quantity();
            d.cents = sign * line.cents();
        }

        /** A session that puts things in the cart and leaves; returns the epoch of its last event. */
        private long abandonedCart(long epoch) {
            long[] t = {sessionStart(epoch)};
            int session = newSession();
            page(t[0], EventType.VISIT, m.landingPage, session);
            page(t[0], EventType.PAGE_VIEW, m.landingPage, session);
            browsePages(t, session);
            int n = Rng.between(rng, 1, 2);
            long total = 0;
            long quantity = 0;
            for (int i = 0; i < n; i++) {
                Item item = i == 0 && habit != null && Rng.chance(rng, 0.5) ? habit : pickItem();
                long qty = 1 + Rng.weighted(rng, m.quantityWeights);
                Line line = new Line(item, qty, Math.round(item.priceCents() * qty * (paid ? m.memberDiscount : 1)));
                t[0] += Rng.between(rng, 5, 30);
                page(t[0], EventType.PAGE_VIEW, item.page(), session);
                t[0] += Rng.between(rng, 3, 20);
                lineFields(page(t[0], EventType.ADD_TO_CART, item.page(), session), line, 1);
                total += line.cents();
                quantity += qty;
            }
            funnelStage = Math.max(funnelStage, 2);
            if (Rng.chance(rng, 0.6)) {
                t[0] += Rng.between(rng, 3, 15);
                page(t[0], EventType.PAGE_VIEW, m.cartPage, session);
                if (Rng.chance(rng, 0.35)) {
                    // Reached the checkout but never paid: no order id was issued.
                    t[0] += Rng.between(rng, 5, 40);
                    Row checkout = page(t[0], EventType.CHECKOUT, m.checkoutPage, session);
                    checkout.quantity = quantity;
                    checkout.cents = total;
                    funnelStage = Math.max(funnelStage, 3);
                }
            }
            return t[0];
        }

        /** Sessions as a Poisson process of the given rate over [from, to) in operational time. */
        private void poissonSessions(double from, double to, double perDay, boolean carts) {
            if (perDay <= 0) {
                return;
            }
            double tau = from + Rng.exponential(rng, 1 / perDay);
            while (tau < to) {
                long epoch = cal.epochOfTau(tau);
                if (epoch >= cal.windowEnd()) {
                    return;
                }
                if (carts) {
                    abandonedCart(epoch);
                } else {
                    browseSession(epoch, false);
                }
                tau += Rng.exponential(rng, 1 / perDay);
            }
        }

        private void lessons(double from, double to, String coursePage) {
            double tau = from + Rng.exponential(rng, 1 / m.baseBrowseRate);
            while (tau < to) {
                long epoch = cal.epochOfTau(tau);
                if (epoch >= cal.windowEnd()) {
                    return;
                }
                lesson(epoch, coursePage);
                tau += Rng.exponential(rng, 1 / m.baseBrowseRate);
            }
        }

        private String learnCourse(List<Order> placed) {
            for (Order o : placed) {
                for (Line l : o.lines) {
                    if (!l.item().consumable()) {
                        return m.learnPagePrefix + l.item().id();
                    }
                }
            }
            for (Item item : items) {
                if (!item.consumable() && item.category().equals(categories.get(favourite))) {
                    return m.learnPagePrefix + item.id();
                }
            }
            return m.learnPagePrefix + items[0].id();
        }

        /** An epoch {@code days} whole days after {@code epoch}'s day, at a time drawn from the opening hours. */
        private long laterDay(long epoch, int days) {
            int day = cal.dayOfEpoch(epoch) + days;
            if (day >= cal.days()) {
                return Long.MAX_VALUE;
            }
            return cal.epochAt(day, cal.secondOfDay(day, rng.nextDouble()));
        }

        /** Refunds, reviews and complaints that follow orders. */
        private void afterOrders(List<Order> placed, ChurnReason reason) {
            for (int i = 0; i < placed.size(); i++) {
                Order order = placed.get(i);
                boolean lastBeforeLeaving = reason != null && i == placed.size() - 1;
                if (Rng.chance(rng, m.refundShare)) {
                    long when = laterDay(order.epoch, Rng.between(rng, 1, 7));
                    if (when < cal.windowEnd()) {
                        String why = m.refundReasons[rng.nextInt(m.refundReasons.length)].code();
                        boolean all = Rng.chance(rng, 0.3);
                        int only = rng.nextInt(order.lines.size());
                        for (int l = 0; l < order.lines.size(); l++) {
                            if (all || l == only) {
                                Row d = add(when, EventType.REFUND, order.channel);
                                d.store = order.store;
                                d.order = order.number;
                                lineFields(d, order.lines.get(l), -1);
                                d.properties = Map.of("reason", why);
                            }
                        }
                    }
                }
                boolean unhappy = lastBeforeLeaving && (reason == ChurnReason.QUALITY || reason == ChurnReason.SERVICE);
                if (Rng.chance(rng, unhappy ? 0.3 : m.reviewShare)) {
                    long when = Math.max(order.epoch + HOUR, laterDay(order.epoch, rng.nextInt(3)));
                    if (when < cal.windowEnd()) {
                        int rating = unhappy ? Rng.between(rng, 1, 2) : 1 + Rng.weighted(rng, ProfileModel.RATINGS);
                        Row d = add(when, EventType.REVIEW, order.channel);
                        d.order = order.number;
                        d.itemId = order.lines.get(0).item().id();
                        d.category = order.lines.get(0).item().category();
                        d.properties = Map.of("rating", Integer.toString(rating));
                    }
                }
                ChurnReason complaint = null;
                if (lastBeforeLeaving && reason.complainedAbout() && Rng.chance(rng, ProfileModel.COMPLAINT_BEFORE_LEAVING)) {
                    complaint = reason;
                } else if (Rng.chance(rng, m.complaintShare)) {
                    complaint = m.refundReasons[rng.nextInt(m.refundReasons.length)];
                }
                if (complaint != null) {
                    long when = order.epoch + Rng.between(rng, (int) HOUR, (int) (2 * DAY));
                    if (when < cal.windowEnd()) {
                        Row d = add(when, EventType.COMPLAINT, order.channel);
                        d.order = order.number;
                        d.properties = Map.of("reason", complaint.code());
                    }
                }
            }
        }

        /**
         * The shop's own automation: a coupon after {@code winbackDays} without an order (used when
         * the next order follows within a week), and an exit survey a month later. Only leavers answer it.
         */
        private void winBack(List<Order> placed, ChurnReason reason) {
            String campaign = "winback-" + m.winbackDays + "d";
            for (int i = 0; i < placed.size(); i++) {
                long last = placed.get(i).epoch;
                long next = i + 1 < placed.size() ? placed.get(i + 1).epoch : Long.MAX_VALUE;
                long send = laterDay(last, m.winbackDays);
                if (send >= next || send >= cal.windowEnd()) {
                    continue;
                }
                String coupon = couponSent(send, campaign);
                if (next - send <= ProfileModel.COUPON_REDEEM_DAYS * DAY) {
                    redeem(placed.get(i + 1), coupon, campaign);
                }
                long survey = laterDay(last, m.winbackDays + ProfileModel.EXIT_SURVEY_AFTER_COUPON_DAYS);
                if (survey < next && survey < cal.windowEnd()) {
                    Row invite = add(survey, EventType.MESSAGE_SENT, messageChannel);
                    invite.properties = Map.of("campaign_id", "exit-survey");
                    if (reason != null && i == placed.size() - 1 && Rng.chance(rng, m.exitSurveyResponse)) {
                        long answer = survey + Rng.between(rng, 600, (int) (3 * DAY));
                        if (answer < cal.windowEnd()) {
                            Row d = add(answer, EventType.SURVEY, messageChannel);
                            d.properties = Map.of("reason", reason.code(), "survey_id", "exit-survey");
                        }
                    }
                }
            }
        }

        private String couponSent(long epoch, String campaign) {
            if (epoch >= cal.windowEnd()) {
                return null;
            }
            String coupon = idPrefix + "c" + (++coupons);
            Row message = add(epoch, EventType.MESSAGE_SENT, messageChannel);
            message.properties = Map.of("campaign_id", campaign);
            Row sent = add(epoch, EventType.COUPON_SENT, messageChannel);
            sent.properties = Map.of("campaign_id", campaign, "coupon_id", coupon);
            return coupon;
        }

        private void redeem(Order order, String coupon, String campaign) {
            Row d = add(order.epoch, EventType.COUPON_REDEEMED, order.channel);
            d.store = order.store;
            d.order = order.number;
            d.properties = Map.of("campaign_id", campaign, "coupon_id", coupon);
        }

        private void group(double regTau, double aliveEnd, boolean dropped) {
            long join = cal.epochOfTau(regTau + Rng.exponential(rng, 5));
            if (join >= cal.windowEnd()) {
                return;
            }
            String groupId = "G-" + (m.stores.length > 1 ? store + "-" + (1 + rng.nextInt(2)) : "FANS-" + (1 + rng.nextInt(6)));
            Row d = add(join, EventType.GROUP_JOIN, GROUP_CHANNEL);
            d.properties = Map.of("group_id", groupId);
            long leave = Long.MAX_VALUE;
            if (dropped && Rng.chance(rng, ProfileModel.GROUP_LEAVE_AFTER_DROPOUT)) {
                leave = cal.epochOfTau(Math.max(aliveEnd, regTau) + Rng.exponential(rng, 20));
            } else if (Rng.chance(rng, ProfileModel.GROUP_LEAVE_WHILE_ACTIVE)) {
                leave = cal.epochOfTau(Rng.uniform(rng, regTau, cal.endTau()));
            }
            leave = leave == Long.MAX_VALUE ? leave : Math.max(leave, join + HOUR);
            if (leave < cal.windowEnd()) {
                Row l = add(leave, EventType.GROUP_LEAVE, GROUP_CHANNEL);
                l.properties = Map.of("group_id", groupId);
            }
        }

        private List<Row> sortedRows() {
            // Stable: events at the same second keep the order they happened in (an order's lines).
            rows.sort(Comparator.comparingLong(r -> r.epoch));
            return rows;
        }
    }
}
