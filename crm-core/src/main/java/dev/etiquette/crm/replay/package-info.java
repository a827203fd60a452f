/**
 * Replay: a {@link dev.etiquette.crm.replay.Scenario} (settings, one rule set, parties and a time-ordered list of
 * steps) run on a fresh, private in-memory {@link dev.etiquette.crm.Crm} with a controlled clock and sequential
 * ids, so that a business can see what a rule set does over a history, and what a change to it would change,
 * before it goes live. {@link dev.etiquette.crm.replay.Replay#run} gives a
 * {@link dev.etiquette.crm.replay.ReplayOutcome}, {@link dev.etiquette.crm.replay.Replay#compare} a
 * {@link dev.etiquette.crm.replay.ReplayDiff}; {@link dev.etiquette.crm.replay.ReplayJson} reads scenario files and
 * writes both as JSON; {@link dev.etiquette.crm.replay.Replay#scenarioOf} reads a tenant's stored history into a
 * scenario. A replay never reads or changes any storage of the host, and reading stored history changes nothing.
 * See {@code docs/replay.md}.
 */
package dev.etiquette.crm.replay;
