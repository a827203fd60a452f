/**
 * Storage over plain JDBC: {@link dev.etiquette.crm.jdbc.JdbcStorage} keeps the library's records in H2
 * (the embedded default), PostgreSQL or MariaDB, through a {@link javax.sql.DataSource} the host brings.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(JdbcStorage.embeddedH2(Path.of("data/crm"))).build();
 * Crm crm = Crm.builder().storage(JdbcStorage.builder(hikariDataSource).build()).build();
 * }</pre>
 *
 * <p>The schema is created and upgraded by versioned migrations (Flyway, with its own history table
 * {@code crm_schema_history}) when the storage is built; the SQL of each migration ships in this jar under
 * {@code dev/etiquette/crm/jdbc/migration/<dialect>/} for hosts that run their own migration tool.
 */
package dev.etiquette.crm.jdbc;
