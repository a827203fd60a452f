/**
 * Obligations (part of the "R" of CRM): what the etiquette rules of {@link dev.etiquette.crm.api.rules} say is
 * owed to a customer, by whom and by when, with every change of state, warning, breach and escalation kept with
 * its time, cause and rule version.
 *
 * <p>Reached through {@link dev.etiquette.crm.api.CrmTenant#obligations()} ({@link
 * dev.etiquette.crm.api.obligation.Obligations}) and {@link dev.etiquette.crm.api.CrmTenant#rules()} ({@link
 * dev.etiquette.crm.api.obligation.RuleSets}).
 */
package dev.etiquette.crm.api.obligation;
