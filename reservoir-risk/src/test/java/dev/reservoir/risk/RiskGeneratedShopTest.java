package dev.reservoir.risk;

import dev.reservoir.engine.TenantStore;
import dev.reservoir.metric.ChurnPreset;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time-split report on a generated tea-chain shop (4,000 customers over 540 days, fixed
 * seed), as of its last day with the apparel preset (W = 30, N = 60) and h = 60. Its customers
 * buy at their own rates and leave after a purchase with their own probabilities, some
 * complaining first (docs/generator.md): the same silence means little for a slow buyer and much
 * for a fast one, which the gaps, BG/NBD's expected purchases and complaints tell and recency
 * alone does not. So the model must beat recency on AUC.
 */
class RiskGeneratedShopTest {
    static final ChurnRule RULE = ChurnRule.of(ChurnPreset.APPAREL);
    static final LocalDate D = GeneratedShop.LAST_DAY;

    @TempDir
    Path dir;

    @Test
    void modelBeatsRecencyOnAuc() {
        RiskReport r = RiskTraining.run(GeneratedShop.get().store().modelInputs(), RiskDefinition.of(RULE), AsOf.of(D)).report();
        System.out.println(Printed.report("Generated tea chain", r));
        assertEquals(D.minusDays(120), r.train().featuresAt());
        assertEquals(D.minusDays(60), r.test().featuresAt());
        assertTrue(r.model().auc() > r.recency().auc(),
                "model AUC " + r.model().auc() + " must beat recency's " + r.recency().auc());
        assertTrue(r.model().precisionAtTop() >= r.model().base(), "the top 10% is richer in churners than the base");
    }

    /** Deleting (never importing) every event after F = D − h changes no feature, model outputs included. */
    @Test
    void eventsAfterTheFeatureDateChangeNoFeature() {
        LocalDate f = D.minusDays(60);
        TenantStore cut = GeneratedShop.get().importedUpTo("tea-cut", f);
        FeatureTable full = Features.build(GeneratedShop.get().store().modelInputs(), RULE, AsOf.of(f), 60);
        FeatureTable onlyBefore = Features.build(cut.modelInputs(), RULE, AsOf.of(f), 60);
        assertTrue(full.size() > 500, "customers at " + f + ": " + full.size());
        assertEquals(full.customers(), onlyBefore.customers());
        assertEquals(full.names(), onlyBefore.names());
        for (int i = 0; i < full.size(); i++) {
            assertArrayEquals(full.rows()[i], onlyBefore.rows()[i], "customer " + full.customers().get(i));
        }
        assertEquals(full.bgNbd(), onlyBefore.bgNbd());
    }

    /** A saved model scores the same customers with the same probabilities after loading. */
    @Test
    void savedModelScoresTheSame() throws Exception {
        RiskTraining.Trained trained = RiskTraining.run(GeneratedShop.get().store().modelInputs(),
                RiskDefinition.of(RULE), AsOf.of(D));
        trained.model().save(dir.resolve("risk"), "tea", Instant.parse("2026-01-01T00:00:00Z"));
        RiskModel loaded = RiskModel.load(dir.resolve("risk"));
        assertEquals(RiskDefinition.of(RULE), loaded.definition());
        assertEquals(trained.model().trainedOn(), loaded.trainedOn());
        assertEquals(Features.names(), loaded.features());
        RiskModel.Scored before = trained.model().score(GeneratedShop.get().store().modelInputs(), AsOf.of(D));
        RiskModel.Scored after = loaded.score(GeneratedShop.get().store().modelInputs(), AsOf.of(D));
        assertEquals(before.customers(), after.customers());
        assertArrayEquals(before.probabilities(), after.probabilities());

        RiskTiers.Result tiers = RiskTiers.score(GeneratedShop.get().store().modelInputs(), loaded, AsOf.of(D),
                RiskTiers.Options.DEFAULT);
        System.out.println("tiers: " + java.util.Arrays.stream(RiskTier.values()).map(t -> t + "=" + tiers.count(t)).toList()
                + " value cut " + tiers.valueCut() + " " + tiers.notes());
        assertEquals(before.customers().size(), tiers.customers().size());
        long highValue = tiers.customers().stream().filter(c -> c.tier() == RiskTier.SAVE || c.tier() == RiskTier.KEEP).count();
        long withClv = tiers.customers().stream().filter(c -> !Double.isNaN(c.clv())).count();
        // The top 20% by CLV, ties included: at least ceil(0.2 m).
        assertTrue(highValue >= Math.ceil(0.2 * withClv) && highValue <= Math.ceil(0.2 * withClv) + 5, highValue + " of " + withClv);
        for (RiskTiers.Customer c : tiers.customers()) {
            assertEquals(c.churnProbability() >= 0.5, c.tier() == RiskTier.SAVE || c.tier() == RiskTier.WIN_BACK, c.customerId());
        }
    }
}
