/**
 * Demo shops with a known answer: {@link dev.reservoir.generate.ShopGenerator} simulates a tea
 * chain, an online shop or a course provider and writes canonical event, customer and
 * ground-truth files. See docs/generator.md.
 */
package dev.reservoir.generate;
