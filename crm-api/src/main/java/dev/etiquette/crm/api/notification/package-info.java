/**
 * Communication: notifications about obligations and refused contacts, the stakeholders who receive them, their
 * subscriptions, and the outbox that delivers them at least once through the
 * {@link dev.etiquette.crm.api.spi.NotificationPort} the host plugs into {@code Crm}. See
 * {@code docs/notifications.md}.
 */
package dev.etiquette.crm.api.notification;
