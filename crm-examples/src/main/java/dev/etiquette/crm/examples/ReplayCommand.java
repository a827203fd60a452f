package dev.etiquette.crm.examples;

import dev.etiquette.crm.api.ValidationException;
import dev.etiquette.crm.api.Violation;
import dev.etiquette.crm.api.rules.RuleSet;
import dev.etiquette.crm.json.RuleSetJson;
import dev.etiquette.crm.replay.Replay;
import dev.etiquette.crm.replay.ReplayJson;
import dev.etiquette.crm.replay.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The replay command: reads a scenario file, replays it, and prints the outcome as JSON; or, given a second rule
 * file, replays the scenario under its own rule set and under that one, and prints what differs.
 *
 * <pre>
 *   replay &lt;scenario.json&gt;                              the outcome
 *   replay &lt;scenario.json&gt; --compare &lt;rules.json&gt;       the diff (also --compare=&lt;rules.json&gt;)
 * </pre>
 *
 * A file is a path; when no file has that path, a resource of that name on the class path is read instead, so that
 * the bundled examples run by name ({@code scenarios/support-weekend-breach.json}). The output goes to standard
 * output, byte for byte the same for the same files. A file that cannot be read, or is not a valid scenario or
 * rule file, gets a message on standard error naming each problem's JSON path, line and column, and exit code 2;
 * wrong arguments get the usage and exit code 2. Run it with Maven from the repository's root:
 *
 * <pre>
 *   mvn -B -q -Preplay -pl crm-examples -am compile -Dscenario=scenarios/support-weekend-breach.json
 *   mvn -B -q -Preplay -pl crm-examples -am compile -Dscenario=scenarios/marketing-cap.json \
 *       -Dcompare=scenarios/marketing-cap.strict.rules.json
 * </pre>
 */
public final class ReplayCommand {

  /** The exit code of bad input: wrong arguments, a file that cannot be read or is not valid. */
  public static final int BAD_INPUT = 2;

  private static final String USAGE = "usage: replay <scenario.json> [--compare <rules.json>]";

  private ReplayCommand() {}

  public static void main(String... args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command.
   *
   * @return 0 when the outcome or diff was printed to {@code out}; {@link #BAD_INPUT} when a message was printed
   *     to {@code err} instead
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String scenarioFile = null;
    String compareFile = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--compare")) {
        if (i + 1 >= args.length) {
          return usage(err, "--compare needs a rule file");
        }
        compareFile = args[++i];
      } else if (arg.startsWith("--compare=")) {
        String value = arg.substring("--compare=".length());
        compareFile = value.isBlank() ? compareFile : value; // an empty value (the Maven profile's default) is none
      } else if (arg.startsWith("--")) {
        return usage(err, "unknown option " + arg);
      } else if (scenarioFile == null) {
        scenarioFile = arg;
      } else {
        return usage(err, "one scenario file only, got also " + arg);
      }
    }
    if (scenarioFile == null || scenarioFile.isBlank()) {
      return usage(err, "no scenario file");
    }
    String file = scenarioFile;
    try {
      Scenario scenario = ReplayJson.readScenario(read(scenarioFile));
      if (compareFile == null) {
        out.print(ReplayJson.write(Replay.run(scenario)));
      } else {
        file = compareFile;
        RuleSet other = RuleSetJson.fromJson(read(compareFile));
        file = scenarioFile;
        out.print(ReplayJson.write(Replay.compare(scenario, scenario.rules(), other)));
      }
      out.flush();
      return 0;
    } catch (ValidationException e) {
      err.println("replay: " + file + " is not valid:");
      for (Violation violation : e.violations()) {
        err.println("  " + violation.path() + ": " + violation.message() + " (was " + violation.value() + ")");
      }
      return BAD_INPUT;
    } catch (NoSuchFileException e) {
      err.println("replay: no file or class path resource " + e.getFile());
      return BAD_INPUT;
    } catch (IOException | InvalidPathException e) {
      err.println("replay: cannot read " + file + ": " + e.getMessage());
      return BAD_INPUT;
    }
  }

  /** The file at {@code name}, or else the class path resource of that name. */
  static String read(String name) throws IOException {
    Path path = Path.of(name);
    if (Files.isRegularFile(path)) {
      return Files.readString(path, StandardCharsets.UTF_8);
    }
    try (InputStream in = ReplayCommand.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new NoSuchFileException(name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("replay: " + problem);
    err.println(USAGE);
    return BAD_INPUT;
  }
}
