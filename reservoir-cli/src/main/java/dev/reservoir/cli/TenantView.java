package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.event.Tenant;

/** A tenant as JSON and as a short phrase. */
final class TenantView {
    private TenantView() {
    }

    static ObjectNode json(Tenant tenant) {
        ObjectNode node = Json.object();
        node.put("id", tenant.id());
        node.put("time_zone", tenant.timeZone().getId());
        node.put("currency", tenant.currency().getCurrencyCode());
        node.put("created_at", tenant.createdAt().toString());
        return node;
    }

    /** {@code 'demo' (Asia/Shanghai, CNY)}. */
    static String phrase(Tenant tenant) {
        return "'" + tenant.id() + "' (" + tenant.timeZone().getId() + ", " + tenant.currency().getCurrencyCode() + ")";
    }
}
