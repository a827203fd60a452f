package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.jdbc.Dialect;
import java.time.Clock;

/**
 * Where an obligation benchmark keeps its records: the in-memory storage ({@code IN_MEMORY}), or a
 * {@link BenchDatabase} ({@code H2}, {@code POSTGRESQL}). {@link #crm} gives a {@code Crm} over the current records,
 * {@link #reset} forgets them all (a new H2 file, the emptied PostgreSQL schema, a new in-memory storage).
 */
abstract class BenchStore implements AutoCloseable {

  /** The store named by a benchmark's {@code storage} parameter. */
  static BenchStore of(String name) {
    return switch (name) {
      case "IN_MEMORY" -> new Memory();
      case "H2" -> new Database(Dialect.H2);
      case "POSTGRESQL" -> new Database(Dialect.POSTGRESQL);
      default -> throw new IllegalArgumentException("unknown storage " + name
          + " (IN_MEMORY, H2 or POSTGRESQL)");
    };
  }

  /** How the printed lines name a storage parameter. */
  static String label(String name) {
    return switch (name) {
      case "IN_MEMORY" -> "in-memory";
      case "H2" -> "H2 file";
      case "POSTGRESQL" -> "PostgreSQL";
      default -> name;
    };
  }

  /**
   * A {@code Crm} over this store's records, on {@code clock}, delivering to {@code port}. Leave closing it to
   * {@link #reset} and {@link #close}: it may share its storage with the next one.
   */
  abstract Crm crm(Clock clock, NotificationPort port);

  /** Forgets every record: the next {@link #crm} starts from an empty store. */
  abstract void reset();

  /** Refreshes the database's statistics after a bulk load (PostgreSQL); nothing elsewhere. */
  void analyze() {}

  @Override
  public abstract void close();

  private static final class Memory extends BenchStore {
    @Override
    Crm crm(Clock clock, NotificationPort port) {
      return Crm.builder().clock(clock).notifications(port).build();
    }

    @Override
    void reset() {}

    @Override
    public void close() {}
  }

  private static final class Database extends BenchStore {
    private final Dialect dialect;
    private BenchDatabase db;

    Database(Dialect dialect) {
      this.dialect = dialect;
    }

    @Override
    Crm crm(Clock clock, NotificationPort port) {
      if (db == null) {
        db = BenchDatabase.open(dialect);
        if (dialect == Dialect.POSTGRESQL) {
          db.truncate();
        }
      }
      // not closed by the benchmarks: closing a Crm closes its storage, which belongs to db
      return Crm.builder().clock(clock).notifications(port).storage(db.storage()).build();
    }

    @Override
    void reset() {
      close();
    }

    @Override
    void analyze() {
      if (db != null) {
        db.analyze();
      }
    }

    @Override
    public void close() {
      if (db != null) {
        db.close(); // H2: deletes the file's folder; PostgreSQL: closes the pool, the next crm() empties the schema
        db = null;
      }
    }
  }
}
