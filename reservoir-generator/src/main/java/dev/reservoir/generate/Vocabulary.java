package dev.reservoir.generate;

import dev.reservoir.event.EventType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The closed sets of strings a profile's events use (types, pages, items, categories, stores,
 * channels), each numbered. Parts are staged in DuckDB with these numbers instead of the
 * strings, because the Appender costs several times more per string than per number; the
 * {@code COPY} turns them back into text ({@link #sqlList}).
 */
final class Vocabulary {

    /** One numbered set. */
    static final class Words {
        private final List<String> words;
        private final Map<String, Integer> codes = new HashMap<>();

        Words(Set<String> words) {
            this.words = List.copyOf(words);
            for (int i = 0; i < this.words.size(); i++) {
                codes.put(this.words.get(i), i);
            }
        }

        /** The word's number, or -1 for {@code null}. */
        int code(String word) {
            if (word == null) {
                return -1;
            }
            Integer code = codes.get(word);
            if (code == null) {
                throw new IllegalStateException("'" + word + "' is not in the profile's vocabulary " + words);
            }
            return code;
        }

        int size() {
            return words.size();
        }

        /** A SQL expression giving the word numbered by {@code column} (NULL stays NULL). */
        String sqlLookup(String column) {
            return "(" + sqlList() + ")[" + column + " + 1]";
        }

        String sqlList() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < words.size(); i++) {
                out.append(i == 0 ? "" : ", ").append('\'').append(words.get(i).replace("'", "''")).append('\'');
            }
            return out.append("]::VARCHAR[]").toString();
        }
    }

    final Words types;
    final Words pages;
    final Words items;
    final Words categories;
    final Words stores;
    final Words channels;

    Vocabulary(ProfileModel m) {
        Set<String> typeNames = new LinkedHashSet<>();
        for (EventType t : EventType.values()) {
            typeNames.add(t.wireName());
        }
        this.types = new Words(typeNames);
        Set<String> pageSet = new LinkedHashSet<>(List.of(m.registerPage, m.landingPage, m.catalogPage, m.cartPage,
                m.checkoutPage, m.successPage));
        pageSet.addAll(Arrays.asList(m.extraPages));
        m.categories().forEach(c -> pageSet.add(m.categoryPagePrefix + c));
        m.items.forEach(i -> pageSet.add(i.page()));
        if (m.trialPage != null) {
            pageSet.add(m.trialPage);
        }
        if (m.learnPagePrefix != null) {
            m.items.forEach(i -> pageSet.add(m.learnPagePrefix + i.id()));
        }
        this.pages = new Words(pageSet);
        List<String> itemIds = new ArrayList<>();
        m.items.forEach(i -> itemIds.add(i.id()));
        this.items = new Words(new LinkedHashSet<>(itemIds));
        this.categories = new Words(new LinkedHashSet<>(m.categories()));
        this.stores = new Words(new LinkedHashSet<>(Arrays.asList(m.stores)));
        Set<String> channelSet = new LinkedHashSet<>(Arrays.asList(m.acquisitionChannels));
        channelSet.addAll(Arrays.asList(m.sessionChannels));
        channelSet.add(m.offlineChannel);
        channelSet.add(CustomerSimulator.GROUP_CHANNEL);
        channelSet.add(CustomerSimulator.SMS_CHANNEL);
        this.channels = new Words(channelSet);
    }
}
