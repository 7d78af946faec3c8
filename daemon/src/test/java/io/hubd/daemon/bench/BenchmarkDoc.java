package io.hubd.daemon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code docs/benchmarks.md}: one {@code ## } section per benchmark. Replaces a benchmark's own section and keeps
 * the others; creates the file when missing.
 */
final class BenchmarkDoc {
  private static final String TITLE = "# hubd benchmarks\n\nFigures measured by the harnesses in this repository; each section says how to run its own.\n";

  private final Path file;

  BenchmarkDoc(Path file) {
    this.file = Objects.requireNonNull(file, "file == null");
  }

  /** Writes {@code section} (starting with its {@code ## } heading) in place of the section with that heading. */
  void replaceSection(String section) {
    String heading = section.lines().findFirst().orElseThrow();
    if (!heading.startsWith("## ")) {
      throw new IllegalArgumentException("a section starts with a '## ' heading: " + heading);
    }
    try {
      String text = Files.exists(file) ? Files.readString(file) : TITLE;
      String body = section.endsWith("\n") ? section : section + "\n";
      int start = headingAt(text, heading);
      String updated;
      if (start < 0) {
        updated = text + (text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + body;
      } else {
        int next = text.indexOf("\n## ", start + heading.length());
        String rest = next < 0 ? "" : text.substring(next + 1);
        updated = text.substring(0, start) + body + (rest.isEmpty() ? "" : "\n" + rest);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, updated);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file, e);
    }
  }

  private static int headingAt(String text, String heading) {
    if (text.startsWith(heading + "\n")) {
      return 0;
    }
    int at = text.indexOf("\n" + heading + "\n");
    return at < 0 ? -1 : at + 1;
  }
}
