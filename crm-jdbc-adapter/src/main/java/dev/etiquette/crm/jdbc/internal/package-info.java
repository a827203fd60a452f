/** The implementation of the JDBC storage. Not part of the API: it may change in any release. */
package dev.etiquette.crm.jdbc.internal;
