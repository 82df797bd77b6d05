package dev.reservoir.generate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the generator knows about a customer and an analysis can only estimate: the latent
 * parameters the customer's events were drawn from. Written to {@code truth.parquet} so that
 * models (BG/NBD, churn scores, funnels) can be checked against the answer.
 *
 * @param customerId             the customer
 * @param purchaseRate           the true long-run purchase rate λ, in orders per day while
 *                               the customer is alive; {@code 0} for window shoppers, who never buy
 * @param dropoutProbability     the BG/NBD p: after each purchase the customer leaves for good
 *                               with this probability; {@code 0} for window shoppers
 * @param dropoutDate            the local date on which the customer left: the date of their last
 *                               purchase (BG/NBD drops out right after a purchase), or for window
 *                               shoppers the date of their last visit; {@code null} when the
 *                               customer was still alive at the end of the window
 * @param paidMember             holds a paid membership (buys {@code 2.5} times as often)
 * @param segment                the funnel behaviour class: {@code decisive}, {@code explorer},
 *                               {@code hesitant} or {@code window_shopper}
 * @param cartAbandonProbability the probability that a session in which the customer adds to the
 *                               cart ends without an order; {@code 1} for window shoppers
 * @param registeredOn           the local registration date
 * @param habitItemId            the consumable the customer rebuys on its use-up cycle, or
 *                               {@code null}; such a customer's every order contains it
 * @param useUpCycleDays         the customer's own use-up cycle of that item in days (the item's
 *                               nominal cycle times a household factor), or {@code 0}
 * @param churnReason            why the customer left (a {@code reason} code such as {@code price});
 *                               {@code null} unless they left during the window after buying.
 *                               Only some leavers say so in a complaint or survey
 * @param funnelStage            the furthest step of {@code page_view → add_to_cart → checkout →
 *                               purchase} (1 to 4) that one of the customer's online sessions
 *                               reached, in that order; {@code 0} without a session. Sessions last
 *                               under 30 minutes, so an ordered funnel with a 30-minute window
 *                               over the whole shop finds exactly this step for every customer
 */
public record CustomerTruth(
        String customerId,
        double purchaseRate,
        double dropoutProbability,
        LocalDate dropoutDate,
        boolean paidMember,
        String segment,
        double cartAbandonProbability,
        LocalDate registeredOn,
        String habitItemId,
        double useUpCycleDays,
        String churnReason,
        int funnelStage) {

    public CustomerTruth {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(registeredOn, "registeredOn");
    }

    /** Whether the customer was still alive (had not dropped out) at the end of the window. */
    public boolean aliveAtEnd() {
        return dropoutDate == null;
    }
}
