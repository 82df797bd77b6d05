package dev.reservoir.risk;

import dev.reservoir.engine.ReservoirException;
import dev.reservoir.model.BgNbd;
import dev.reservoir.model.Clv;
import dev.reservoir.model.CustomerSummaries;
import dev.reservoir.model.CustomerSummary;
import dev.reservoir.model.FitOptions;
import dev.reservoir.model.GammaGamma;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.model.Models;
import dev.reservoir.model.RiskFeature;
import dev.reservoir.model.SpendRows;
import dev.reservoir.time.AsOf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Risk tiers as of D: every customer of the population (active, not yet churned) with the
 * saved model's churn probability and a predicted CLV, BG/NBD × Gamma-Gamma fitted on the
 * summaries as of D (weeks; {@link Clv#months}: the next {@code clvMonths} months of 30 days,
 * discounted monthly). <b>High risk</b>: probability ≥ the threshold. <b>High value</b>: CLV at
 * or above the CLV of the customer at rank ⌈share · m⌉ of the m customers with a CLV (the top
 * {@code valueShare} by value, ties included). The list is ordered by tier ({@link RiskTier}),
 * then by value at risk = probability × CLV, highest first, then customer id.
 */
public final class RiskTiers {
    private RiskTiers() {
    }

    public record Options(double riskThreshold, double valueShare, int clvMonths, double monthlyDiscount) {
        public static final Options DEFAULT = new Options(0.5, 0.2, 12, 0.01);

        public Options {
            if (!(riskThreshold > 0 && riskThreshold < 1)) {
                throw new IllegalArgumentException("the risk threshold must be in (0, 1), was " + riskThreshold);
            }
            if (!(valueShare > 0 && valueShare < 1)) {
                throw new IllegalArgumentException("the high-value share must be in (0, 1), was " + valueShare);
            }
            if (clvMonths < 1 || !(monthlyDiscount >= 0 && monthlyDiscount < 1)) {
                throw new IllegalArgumentException("CLV needs at least 1 month and a discount rate in [0, 1)");
            }
        }
    }

    /**
     * One customer. {@code clv} and {@code valueAtRisk} are NaN without a CLV (no purchase, or
     * no spend model for the shop).
     */
    public record Customer(String customerId, double churnProbability, double clv, double valueAtRisk,
                           double recencyDays, double pAlive, RiskTier tier) {
        public Customer {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(tier, "tier");
        }
    }

    /** @param valueCut the lowest CLV counted as high value (NaN when nobody has a CLV) */
    public record Result(AsOf at, Options options, double valueCut, List<Customer> customers, Optional<BgNbd> bgNbd,
                         Optional<GammaGamma> spend, List<String> notes) {
        public Result {
            customers = List.copyOf(customers);
            notes = List.copyOf(notes);
        }

        public long count(RiskTier tier) {
            return customers.stream().filter(c -> c.tier() == tier).count();
        }
    }

    public static Result score(ModelInputs inputs, RiskModel model, AsOf at, Options options) {
        RiskModel.Scored scored = model.score(inputs, at);
        List<String> notes = new ArrayList<>();
        Optional<BgNbd> purchases = scored.features().bgNbd();
        if (scored.features().bgNbdNote() != null) {
            notes.add("BG/NBD as of " + at.date() + ": " + scored.features().bgNbdNote());
        }
        List<CustomerSummary> summaries = inputs.summaries(CustomerSummaries.of(at, Features.UNIT)).customers();
        Optional<GammaGamma> spend = Optional.empty();
        if (purchases.isPresent()) {
            try {
                spend = Optional.of(Models.fitGammaGamma(SpendRows.of(summaries), FitOptions.DEFAULT).model());
            } catch (ReservoirException e) {
                notes.add("Gamma-Gamma as of " + at.date() + ": " + e.getMessage());
            }
        }
        Map<String, Double> clvById = new HashMap<>();
        if (purchases.isPresent() && spend.isPresent()) {
            Clv clv = Clv.months(options.clvMonths(), options.monthlyDiscount(), Features.UNIT);
            for (CustomerSummary s : summaries) {
                clvById.put(s.customerId(), clv.value(purchases.get(), spend.get(), s));
            }
        }
        int n = scored.customers().size();
        double[] clvs = new double[n];
        for (int i = 0; i < n; i++) {
            clvs[i] = clvById.getOrDefault(scored.customers().get(i), Double.NaN);
        }
        double cut = valueCut(clvs, options.valueShare());
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double p = scored.probabilities()[i];
            boolean highValue = !Double.isNaN(clvs[i]) && clvs[i] >= cut;
            customers.add(new Customer(scored.customers().get(i), p, clvs[i], p * clvs[i],
                    scored.value(i, RiskFeature.RECENCY_DAYS.wireName()), scored.value(i, Features.P_ALIVE),
                    RiskTier.of(highValue, p >= options.riskThreshold())));
        }
        customers.sort(Comparator.comparing(Customer::tier)
                .thenComparing(Comparator.comparingDouble((Customer c) -> Double.isNaN(c.valueAtRisk()) ? -1 : c.valueAtRisk()).reversed())
                .thenComparing(Comparator.comparingDouble(Customer::churnProbability).reversed())
                .thenComparing(Customer::customerId));
        return new Result(at, options, cut, customers, purchases, spend, notes);
    }

    /** The CLV of the customer at rank ⌈share · m⌉ among the m with a CLV, highest first. */
    static double valueCut(double[] clvs, double share) {
        double[] known = Arrays.stream(clvs).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int rank = Math.max(1, (int) Math.ceil(share * known.length - 1e-9));
        return known[known.length - rank];
    }
}
