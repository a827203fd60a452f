package dev.etiquette.crm.jdbc.internal;

import dev.etiquette.crm.api.StorageException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

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

  public static StorageException storage(String operation, SQLException e) {
    boolean retryable = isRetryable(e);
    return new StorageException(operation, retryable, "SQL state " + e.getSQLState() + ", vendor code "
        + e.getErrorCode() + " (" + e.getClass().getSimpleName() + ")"
        + (retryable ? "; the transaction was rolled back and the operation may be repeated" : ""), e);
  }
}
