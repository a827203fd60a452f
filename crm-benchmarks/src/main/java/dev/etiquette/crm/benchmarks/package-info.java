/**
 * JMH benchmarks that compare the library with hand-written JDBC on H2 and PostgreSQL, and measure the heap
 * that the in-memory storage keeps per customer. {@link dev.etiquette.crm.benchmarks.Main} runs them all and
 * prints one line per comparison; {@code docs/benchmarks.md} explains what each measures and records the
 * figures. A tool of this repository: not published, no compatibility promise.
 */
package dev.etiquette.crm.benchmarks;
