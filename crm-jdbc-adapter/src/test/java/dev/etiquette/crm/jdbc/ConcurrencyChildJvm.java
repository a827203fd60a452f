package dev.etiquette.crm.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a {@code main} class of the test class path, for tests that need a second process
 * (two processes updating the same rows, one process holding a database file). The parent reads its
 * standard output line by line and may write lines to its standard input; its standard error goes to a
 * file that failure messages quote. {@link #close()} kills it if it is still running.
 */
final class ConcurrencyChildJvm implements AutoCloseable {

  private static final String EOF = "\u0000eof";

  private final String name;
  private final Process process;
  private final Path stderr;
  private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Thread reader;

  private ConcurrencyChildJvm(String name, Process process, Path stderr) {
    this.name = name;
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::pump, "stdout of " + name);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Starts {@code java -cp <this JVM's class path> <main> <args>} with {@code env} added to the inherited
   * environment.
   */
  static ConcurrencyChildJvm start(String name, Class<?> main, Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    try {
      Path stderr = Files.createTempFile("crm-child-" + name + "-", ".stderr");
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
      builder.environment().putAll(env);
      return new ConcurrencyChildJvm(name, builder.start(), stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start child JVM " + name, e);
    }
  }

  private void pump() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        pending.add(line);
      }
    } catch (IOException e) {
      pending.add("stdout failed: " + e);
    } finally {
      pending.add(EOF);
    }
  }

  /** Waits for a line equal to {@code expected}, at most {@code timeout}; fails quoting the output. */
  void awaitLine(String expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line;
      try {
        line = pending.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + name, e);
      }
      if (line == null) {
        throw new AssertionError(name + " did not print \"" + expected + "\" within " + timeout + describe());
      }
      if (line.equals(EOF)) {
        pending.add(EOF);
        throw new AssertionError(name + " ended before printing \"" + expected + "\"" + describe());
      }
      seen.add(line);
      if (line.equals(expected)) {
        return;
      }
    }
  }

  /** Writes a line to the child's standard input. */
  void send(String line) {
    try {
      Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      in.write(line + "\n");
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + name + describe(), e);
    }
  }

  /**
   * Waits at most {@code timeout} for the child to exit with status 0 and returns every line it printed.
   */
  List<String> awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " did not finish within " + timeout + describe());
      }
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + name, e);
    }
    pending.drainTo(seen);
    seen.remove(EOF);
    if (process.exitValue() != 0) {
      throw new AssertionError(name + " exited with status " + process.exitValue() + describe());
    }
    return List.copyOf(seen);
  }

  private String describe() {
    List<String> out = new ArrayList<>(seen);
    pending.forEach(l -> {
      if (!l.equals(EOF)) {
        out.add(l);
      }
    });
    String err;
    try {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      err = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      err = "(cannot read " + stderr + ": " + e + ")";
    }
    return "\n--- stdout of " + name + " ---\n" + String.join("\n", out.subList(Math.max(0, out.size() - 40),
        out.size())) + "\n--- stderr of " + name + " (" + stderr + ") ---\n" + err;
  }

  /** Kills the child if it still runs, and waits (boundedly) for it to go. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException e) {
      // a temporary file; the OS cleans up
    }
  }
}
