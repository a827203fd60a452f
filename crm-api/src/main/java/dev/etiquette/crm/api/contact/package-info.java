/**
 * Contact decisions and the contact ledger: before any outbound touch the host asks {@link
 * dev.etiquette.crm.api.contact.Contacts} whether it may contact a party on a channel for a purpose at an
 * instant, and gets a {@link dev.etiquette.crm.api.contact.ContactReceipt} with every rule's verdict; a
 * reservation enters the contact in the ledger atomically with the decision.
 */
package dev.etiquette.crm.api.contact;
