package dev.etiquette.crm.jdbc;

import java.util.Locale;
import java.util.Optional;

/** The databases the JDBC storage supports, and what differs between them. */
public enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql"),
  MARIADB("mariadb");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** Where this dialect's migrations live on the class path. */
  public String migrationLocation() {
    return "classpath:dev/etiquette/crm/jdbc/migration/" + folder;
  }

  /** The dialect of a database, from its JDBC product name; empty when it is not supported. */
  public static Optional<Dialect> fromProductName(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return Optional.of(H2);
    }
    if (name.contains("postgres")) {
      return Optional.of(POSTGRESQL);
    }
    if (name.contains("mariadb") || name.contains("mysql")) {
      return Optional.of(MARIADB);
    }
    return Optional.empty();
  }
}
