package dev.etiquette.crm.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process that opens an embedded H2 file with {@link JdbcStorage#embeddedH2} and holds it:
 * prints {@code ready}, then waits until its standard input ends (or says {@code stop}) and closes it.
 * Argument: the database file, without {@code .mv.db}.
 */
final class FaultH2Holder {

  private FaultH2Holder() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (JdbcStorage storage = JdbcStorage.embeddedH2(Path.of(args[0]))) {
      storage.read(tx -> tx.settings().find(dev.etiquette.crm.api.TenantId.of("holder")));
      out.println("ready");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
        // hold the file
      }
    }
    out.println("closed");
    System.exit(0);
  }
}
