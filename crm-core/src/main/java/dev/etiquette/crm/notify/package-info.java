/**
 * Delivery of notifications over HTTP: {@link dev.etiquette.crm.notify.WebhookNotificationPort} POSTs each
 * {@link dev.etiquette.crm.api.notification.Notification} as JSON to one endpoint, signed with HMAC-SHA256 under a
 * secret shared with the receiver; {@link dev.etiquette.crm.notify.WebhookVerifier} is the receiver's side of the
 * signature, for receivers written in Java. See {@code docs/notifications.md} for the wire format and the recipe
 * in any language.
 */
package dev.etiquette.crm.notify;
