package dev.reservoir.report;

import java.util.List;

/**
 * The report's sections, in the order they appear. Campaign results join here once their
 * metrics exist; until then they are simply not in the list, so no report shows them.
 */
final class Sections {
    static final List<Section> ALL = List.of(
            new CustomersSection(),
            new ChurnSection(),
            new ChurnReasonsSection(),
            new RepurchaseSection(),
            new RetentionSection(),
            new LifecycleSection(),
            new RfmSection(),
            new AtRiskSection(),
            new BehaviourSection());

    private Sections() {
    }
}
