package dev.etiquette.crm.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.etiquette.crm.api.StorageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Storage that cannot start: a database server that is down, an H2 file another process holds, an H2 file
 * that cannot be created. Each gives a {@link StorageException} at {@link JdbcStorage.Builder#build()} (or
 * {@link JdbcStorage#embeddedH2}) whose message says what failed and where, naming the URL without its
 * password; the password appears nowhere in the exception or its causes. No server is needed: nothing
 * listens on port 1.
 */
class FaultStartupTest {

  private static final String SECRET = "s3cret-Pa55word";

  @Test
  void aPostgreSqlServerThatIsDownGivesAClearRetryableErrorNamingTheUrlWithoutThePassword() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/crm?user=crm&password=" + SECRET + "&connectTimeout=2");
    config.setConnectionTimeout(1_000);
    config.setInitializationFailTimeout(-1); // the host's pool starts without the database, as pools may
    config.setPoolName("crm-fault-down-pg");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      StorageException e = buildFails(pool);
      assertClear(e, "jdbc:postgresql://127.0.0.1:1/crm?user=crm&password=***&connectTimeout=2");
      assertThat(e.retryable()).as("a refused connection may succeed later").isTrue();
    }
  }

  @Test
  void aPostgreSqlServerThatIsDownBehindAPlainDataSourceGivesTheSameClearError() {
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setServerNames(new String[] {"127.0.0.1"});
    plain.setPortNumbers(new int[] {1});
    plain.setDatabaseName("crm");
    plain.setUser("crm");
    plain.setPassword(SECRET);
    plain.setConnectTimeout(2);
    StorageException e = buildFails(plain);
    assertClear(e, "jdbc:postgresql://127.0.0.1:1/crm");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void aMariaDbServerThatIsDownGivesAClearRetryableErrorNamingTheUrlWithoutThePassword() throws Exception {
    MariaDbDataSource plain = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:1/crm?user=crm&password=" + SECRET
        + "&connectTimeout=2000");
    StorageException e = buildFails(plain);
    assertClear(e, "jdbc:mariadb://127.0.0.1:1/crm");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void anEmbeddedH2FileHeldByAnotherProcessGivesAClearError(@TempDir Path dir) {
    Path file = dir.resolve("held");
    try (ConcurrencyChildJvm holder = ConcurrencyChildJvm.start("h2-holder", FaultH2Holder.class, Map.of(),
        List.of(file.toString()))) {
      holder.awaitLine("ready", Duration.ofSeconds(60));
      long started = System.nanoTime();
      StorageException e = catchThrowableOfType(StorageException.class, () -> JdbcStorage.embeddedH2(file).close());
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("[fault] H2 file held by another process, after %d ms: %s%n", millis, e == null ? null
          : e.getMessage());
      assertThat(e).as("opening a file another process holds").isNotNull();
      assertClear(e, "jdbc:h2:file:" + file.toAbsolutePath());
      assertThat(e.getMessage()).as("says why").containsIgnoringCase("in use");
      holder.send("stop");
      assertThat(holder.awaitExit(Duration.ofSeconds(30))).contains("closed");
    }
    // once the other process let go, the file opens
    try (JdbcStorage storage = JdbcStorage.embeddedH2(file)) {
      assertThat(storage.dialect()).isEqualTo(Dialect.H2);
    }
  }

  @Test
  void anEmbeddedH2FileThatCannotBeCreatedGivesAClearError(@TempDir Path dir) throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "not a folder");
    Path file = notAFolder.resolve("crm");
    StorageException e = catchThrowableOfType(StorageException.class, () -> JdbcStorage.embeddedH2(file).close());
    System.out.printf("[fault] H2 file under a plain file: %s%n", e == null ? null : e.getMessage());
    assertThat(e).as("opening a file under a plain file").isNotNull();
    assertClear(e, "jdbc:h2:file:" + file.toAbsolutePath());
    assertThat(e.retryable()).as("retrying does not create the folder").isFalse();
  }

  private static StorageException buildFails(DataSource dataSource) {
    StorageException e = catchThrowableOfType(StorageException.class, () -> JdbcStorage.builder(dataSource).build());
    System.out.printf("[fault] down at start-up (%s): %s%n", dataSource.getClass().getSimpleName(),
        e == null ? null : e.getMessage());
    assertThat(e).as("building a storage on a database that is down").isNotNull();
    return e;
  }

  /** Names the connect operation and the URL, says why, and leaks the password nowhere. */
  private static void assertClear(StorageException e, String url) {
    assertThat(e.operation()).startsWith("connect to ").contains(url);
    assertThat(e.getMessage()).startsWith(e.operation() + " failed");
    assertThat(e.getMessage()).doesNotContain("transaction was rolled back");
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).as("the exception, its causes and their traces").doesNotContain(SECRET);
  }
}
