/**
 * The implementation of the library. Not part of the API: it may change in any release without notice.
 */
package dev.etiquette.crm.internal;
