package dev.etiquette.crm.benchmarks;

import dev.etiquette.crm.Crm;
import dev.etiquette.crm.api.spi.NotificationPort;
import dev.etiquette.crm.internal.InMemoryStorage;
import dev.etiquette.crm.jdbc.Dialect;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Where an obligation benchmark keeps its records: the in-memory storage ({@code IN_MEMORY}), or a
 * {@link BenchDatabase} ({@code H2}, {@code POSTGRESQL}). {@link #make} fills it and gives a {@code Crm} over it,
 * {@link #reset} forgets every record (a new H2 file, the emptied PostgreSQL schema, a new in-memory storage).
 */
abstract class BenchStore implements AutoCloseable {

  /** The store named by a benchmark's {@code storage} parameter. */
  static BenchStore of(String name) {
    return of(name, "");
  }

  /**
   * The store named by a benchmark's {@code storage} parameter; on PostgreSQL in the benchmark schema followed by
   * {@code schemaSuffix}, so that two stores of one benchmark do not share tables.
   */
  static BenchStore of(String name, String schemaSuffix) {
    return switch (name) {
      case "IN_MEMORY" -> new Memory();
      case "H2" -> new Database(Dialect.H2, schemaSuffix);
      case "POSTGRESQL" -> new Database(Dialect.POSTGRESQL, schemaSuffix);
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
   * Fills this store with what {@code fill} does through the public API of a {@code Crm} on {@code clock}, and
   * returns a {@code Crm} over it on the same clock, delivering to {@code port}. {@code fill} always runs on the
   * in-memory storage: a database store then gets the records copied in ({@link BenchCopy}, tenant
   * {@link SupportDesk#TENANT}), its statistics refreshed, and the {@code Crm} returned is one over the database.
   * Notifications of {@code fill} are dropped. Leave closing the {@code Crm} to {@link #reset} and {@link #close}.
   */
  Crm make(Clock clock, NotificationPort port, Consumer<Crm> fill) {
    InMemoryStorage memory = new InMemoryStorage();
    fill.accept(Crm.builder().clock(clock).storage(memory).notifications(NotificationPort.NONE).build());
    return adopt(memory, clock, port);
  }

  /** A {@code Crm} over {@code filled}'s records, in this store. */
  abstract Crm adopt(InMemoryStorage filled, Clock clock, NotificationPort port);

  /** Whether this is the in-memory storage. */
  boolean inMemory() {
    return this instanceof Memory;
  }

  /** Forgets every record: the next {@link #make} starts from an empty store. */
  abstract void reset();


  @Override
  public abstract void close();

  private static final class Memory extends BenchStore {
    @Override
    Crm adopt(InMemoryStorage filled, Clock clock, NotificationPort port) {
      return Crm.builder().clock(clock).storage(filled).notifications(port).build();
    }

    @Override
    void reset() {}

    @Override
    public void close() {}
  }

  private static final class Database extends BenchStore {
    /**
     * Threads that copy a history in (see {@link BenchCopy#copy}): 3 on PostgreSQL, whose inserts wait on the
     * server (200,000 interactions: 29 s instead of 59 s with one); 1 on H2, which only got slower with more
     * (63 s instead of 26 s).
     */
    int copyThreads() {
      return dialect == Dialect.POSTGRESQL ? 3 : 1;
    }
    private final Dialect dialect;
    private final String schemaSuffix;
    private BenchDatabase db;

    Database(Dialect dialect, String schemaSuffix) {
      this.dialect = dialect;
      this.schemaSuffix = schemaSuffix;
    }

    @Override
    Crm adopt(InMemoryStorage filled, Clock clock, NotificationPort port) {
      if (db != null) {
        throw new IllegalStateException("the database is filled already; reset() first");
      }
      db = BenchDatabase.open(dialect, schemaSuffix);
      if (dialect == Dialect.POSTGRESQL) {
        db.truncate();
      }
      BenchCopy.copy(filled, db.storage(), SupportDesk.TENANT, copyThreads());
      db.analyze();
      // not closed by the benchmarks: closing a Crm closes its storage, which belongs to db
      return Crm.builder().clock(clock).notifications(port).storage(db.storage()).build();
    }

    @Override
    void reset() {
      close();
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
