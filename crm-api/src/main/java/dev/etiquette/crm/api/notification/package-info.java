/**
 * Notifications to stakeholders about obligations: warnings, breaches and escalations. They are delivered
 * through the {@link dev.etiquette.crm.api.spi.NotificationPort} the host plugs into {@code Crm}.
 */
package dev.etiquette.crm.api.notification;
