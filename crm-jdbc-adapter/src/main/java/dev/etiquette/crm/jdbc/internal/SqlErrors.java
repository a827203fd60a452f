package dev.etiquette.crm.jdbc.internal;

import dev.etiquette.crm.api.StorageException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * Translates {@link SQLException}s into the library's exceptions. The message names the operation, the
 * SQL state and the vendor code, never the values involved; the driver's exception stays attached as the
 * cause.
 */
public final class SqlErrors {

  private SqlErrors() {}

  /** Whether the exception says a unique key is taken. */
  public static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState()) || s.getErrorCode() == 1062) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the driver's message names {@code name} (an index or constraint), ignoring case: how a unique
   * violation says which key was taken on all three databases.
   */
  public static boolean mentions(SQLException e, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s.getMessage() != null && s.getMessage().toLowerCase(Locale.ROOT).contains(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** Whether repeating the whole operation may succeed. */
  public static boolean isRetryable(SQLException e) {
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.startsWith("08") // connection exception
        || state.startsWith("40") // transaction rollback: serialization failure, deadlock
        || state.startsWith("57P") // PostgreSQL: operator intervention, e.g. the backend was terminated
        || state.equals("53300") // too many connections
        || e.getErrorCode() == 1205 // MariaDB: lock wait timeout
        || e.getErrorCode() == 1213 // MariaDB: deadlock
        || e.getErrorCode() == 90067 // H2: connection broken
        || e.getErrorCode() == 50200; // H2: lock timeout
  }

  /**
   * A failure to get (or first use) a connection. Unlike {@link #storage}, the message quotes the driver's
   * reason (the deepest {@link SQLException}'s message, such as "Connection to 127.0.0.1:5432 refused" or
   * "Database may be already in use"): it speaks of hosts, ports, files and users, not of records, and any
   * {@code password=} in it is masked. No transaction had begun, so nothing was written.
   */
  public static StorageException connect(String operation, SQLException e) {
    boolean retryable = isRetryable(e);
    return new StorageException(operation, retryable, reason(e) + " (SQL state " + e.getSQLState()
        + ", vendor code " + e.getErrorCode() + ", " + e.getClass().getSimpleName() + ")"
        + (retryable ? "; nothing was written, and repeating the operation may succeed" : ""), e);
  }

  private static String reason(SQLException e) {
    String reason = null;
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage();
      }
    }
    if (reason == null) {
      return "cannot connect";
    }
    reason = withoutPassword(reason).replaceAll("\\s+", " ").strip();
    return reason.length() > 500 ? reason.substring(0, 500) + "..." : reason;
  }

  /**
   * {@code text} (a JDBC URL, a driver's message) with the values of {@code password=} and {@code pwd=}
   * (up to the next {@code &} or {@code ;}) and the password of {@code //user:password@} masked.
   */
  public static String withoutPassword(String text) {
    return text.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***").replaceAll("//([^/:@]+):[^@/]*@", "//$1:***@");
  }

  public static StorageException storage(String operation, SQLException e) {
    boolean retryable = isRetryable(e);
    return new StorageException(operation, retryable, "SQL state " + e.getSQLState() + ", vendor code "
        + e.getErrorCode() + " (" + e.getClass().getSimpleName() + ")"
        + (retryable ? "; the transaction was rolled back and the operation may be repeated" : ""), e);
  }

  /**
   * The connection failed while committing: the database may or may not have applied the transaction. The
   * exception is retryable (the fault is transient) but says that the outcome is unknown; creates with an
   * idempotency key and updates with an expected version are safe to repeat.
   */
  public static StorageException commitFailed(SQLException e) {
    return new StorageException("commit", isRetryable(e), "SQL state " + e.getSQLState() + ", vendor code "
        + e.getErrorCode() + " (" + e.getClass().getSimpleName() + "); the outcome is unknown: the database may"
        + " have applied the transaction or not. Repeat only what is safe to repeat (creates with an idempotency"
        + " key, updates with the expected version)", e);
  }
}
