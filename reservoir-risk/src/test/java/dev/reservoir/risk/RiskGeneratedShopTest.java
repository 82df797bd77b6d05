package dev.reservoir.risk;

import dev.reservoir.metric.Activity;
import dev.reservoir.metric.ChurnRule;
import dev.reservoir.time.AsOf;
import org.junit.jupiter.api.Test;

class RiskGeneratedShopTest {
    @Test
    void explore() {
        for (int n : new int[] {30, 60}) {
            long t0 = System.nanoTime();
            RiskReport r = RiskTraining.run(GeneratedShop.get().store().modelInputs(),
                    RiskDefinition.of(new ChurnRule(Activity.ORDERS, n / 2, n)), AsOf.of(GeneratedShop.LAST_DAY)).report();
            System.out.println("N=" + n + " " + (System.nanoTime() - t0) / 1e9 + "s train " + r.train() + " test " + r.test());
            r.scorers().forEach(s -> System.out.println("  " + s.kind() + " auc " + s.evaluation().auc() + " p@10 "
                    + s.evaluation().precisionAtTop() + " r@10 " + s.evaluation().recallAtTop() + " base " + s.evaluation().base()));
            r.importances().stream().limit(8).forEach(i -> System.out.println("    " + i));
            System.out.println(r.notes());
        }
    }
}
