package org.nn4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a plugin author has after installing nn4j, made from this build's output: a local Maven repository
 * holding nn4j's artifacts (as {@code mvn install} would leave them), {@code mvn} and {@code nn4j} commands on
 * a {@code PATH}, and a way to run commands and see what they printed. The {@code mvn} command is the real
 * Maven with the staged repository as its local one and, for everything else (plugins, JUnit), the outer
 * build's local repository as a file mirror, so nothing is downloaded and nothing is written outside
 * {@code target/}.
 */
final class Workbench {
  /** Every nn4j module a plugin build can need, with its packaging. */
  private static final Map<String, String> MODULES = Map.of("nn4j-bom", "pom", "nn-api", "jar", "nn-layers", "jar",
      "nn-losses", "jar", "nn-optim", "jar", "nn-core", "jar", "nn-testkit", "jar");

  final Path root;
  final String version;
  final Path bin;
  final Path nn4jJar;

  private Workbench(Path root, String version, Path bin) {
    this.root = root;
    this.version = version;
    this.bin = bin;
    this.nn4jJar = root.resolve("nn-examples/target/nn4j.jar");
  }

  /** Stages the repository and the commands under {@code nn-it/target/workbench}. */
  static Workbench create() throws IOException {
    Path root = Path.of(System.getProperty("nn4j.root")).toAbsolutePath().normalize();
    String version = System.getProperty("nn4j.version");
    Path home = root.resolve("nn-it/target/workbench");
    Path repo = home.resolve("repository");
    stage(root, version, repo);
    Path outer = Path.of(System.getProperty("nn4j.localRepository")).toAbsolutePath();
    Path settings = home.resolve("settings.xml");
    Files.writeString(settings, "<settings>\n  <mirrors>\n    <mirror>\n      <id>outer-build</id>\n"
        + "      <mirrorOf>*</mirrorOf>\n      <url>" + outer.toUri() + "</url>\n    </mirror>\n  </mirrors>\n"
        + "</settings>\n", StandardCharsets.UTF_8);
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path maven = Path.of(System.getProperty("nn4j.mavenHome"), "bin", "mvn");
    script(bin.resolve("mvn"), "exec '" + maven + "' -s '" + settings + "' -Dmaven.repo.local='" + repo + "' "
        + "-Dstyle.color=never \"$@\"");
    script(bin.resolve("nn4j"), "exec '" + root.resolve("nn4j") + "' \"$@\"");
    Workbench bench = new Workbench(root, version, bin);
    assertTrue(Files.isRegularFile(bench.nn4jJar), "nn-examples must be packaged first: " + bench.nn4jJar);
    return bench;
  }

  /** Lays out each module's POM and jar as {@code mvn install} would, in the local repository {@code repo}. */
  private static void stage(Path root, String version, Path repo) throws IOException {
    copy(root.resolve("pom.xml"), artifact(repo, "nn4j-parent", version, "pom"));
    for (Map.Entry<String, String> m : MODULES.entrySet()) {
      Path module = root.resolve(m.getKey());
      copy(module.resolve("pom.xml"), artifact(repo, m.getKey(), version, "pom"));
      if (m.getValue().equals("jar")) {
        copy(module.resolve("target/" + m.getKey() + "-" + version + ".jar"), artifact(repo, m.getKey(), version, "jar"));
      }
    }
  }

  private static Path artifact(Path repo, String artifactId, String version, String extension) {
    return repo.resolve("org/nn4j/" + artifactId + "/" + version + "/" + artifactId + "-" + version + "." + extension);
  }

  private static void copy(Path from, Path to) throws IOException {
    assertTrue(Files.isRegularFile(from), "not built: " + from);
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void script(Path file, String command) throws IOException {
    Files.writeString(file, "#!/usr/bin/env bash\n" + command + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** One finished command: its exit status and everything it printed, standard error included. */
  record Run(List<String> command, int status, String output) {
    /** Fails, showing the output, unless the command succeeded. */
    Run assertSucceeded() {
      assertTrue(status == 0, () -> String.join(" ", command) + " exited with " + status + ":\n" + output);
      return this;
    }

    /** Fails, showing the output, unless it contains {@code expected}. */
    Run assertPrinted(String expected) {
      assertTrue(output.contains(expected), () -> "expected '" + expected + "' from " + String.join(" ", command)
          + ":\n" + output);
      return this;
    }
  }

  /** Runs {@code command} in {@code dir} with the workbench's commands first on the {@code PATH}. */
  Run run(Path dir, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("NN4J_HOME", root.toString());
    Path log = Files.createTempFile(dir, "run", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish in 10 minutes:\n" + Files.readString(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(cmd, p.exitValue(), out);
  }

  /** Copies the directory tree {@code from} to {@code to}, leaving out build output. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
