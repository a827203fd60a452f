/**
 * The Java migrations of the PostgreSQL schema, which Flyway finds next to the SQL migrations of the same folder. Not
 * an API: the classes are public only so that Flyway can create them, and carry no compatibility promise.
 */
package dev.etiquette.crm.jdbc.migration.postgresql;
