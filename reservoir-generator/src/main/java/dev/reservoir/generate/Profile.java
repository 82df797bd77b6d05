package dev.reservoir.generate;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of shop to generate. Each profile has its own catalogue, page map, opening hours,
 * weekly and seasonal rhythm and customer-base parameters; docs/generator.md lists them.
 */
public enum Profile {
    /** A milk-tea chain with a WeChat mini-program and a dozen stores (新茶饮连锁). */
    TEA_CHAIN("tea-chain"),
    /** An online pet and household supplies shop with many consumables (电商). */
    ECOMMERCE("ecommerce"),
    /** An online and campus course provider with course-hour packages (教育培训). */
    EDUCATION("education");

    private final String profileName;

    Profile(String profileName) {
        this.profileName = profileName;
    }

    /** The name used on the command line and in shop.json: {@code tea-chain}. */
    public String profileName() {
        return profileName;
    }

    public static Optional<Profile> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.profileName.equals(name)).findFirst();
    }

    /** All profile names, comma-separated, for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Profile::profileName).toList());
    }
}
