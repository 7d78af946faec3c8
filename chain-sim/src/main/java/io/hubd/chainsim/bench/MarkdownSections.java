package io.hubd.chainsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replaces one level-2 section of a Markdown document, keeping every other section as it is. A section runs from
 * its {@code ## } heading line to the next level-1 or level-2 heading outside a code fence, or to the end. Stateless.
 */
public final class MarkdownSections {
  private MarkdownSections() {}

  /**
   * Returns {@code document} with the section headed {@code heading} (e.g. {@code "## Gas"}) replaced by
   * {@code section}, which must start with that heading line; appends it when the document has no such section.
   */
  public static String replace(String document, String heading, String section) {
    Objects.requireNonNull(document, "document == null");
    Objects.requireNonNull(heading, "heading == null");
    Objects.requireNonNull(section, "section == null");
    if (!heading.startsWith("## ") || heading.contains("\n")) {
      throw new IllegalArgumentException("not a level-2 heading line: " + heading);
    }
    if (!section.startsWith(heading + "\n")) {
      throw new IllegalArgumentException("section does not start with its heading line " + heading);
    }
    List<String> lines = document.isEmpty() ? List.of() : List.of(document.split("\n", -1));
    int start = findHeading(lines, heading);
    List<String> out = new ArrayList<>();
    if (start < 0) {
      out.addAll(withoutTrailingBlanks(lines));
      if (!out.isEmpty()) {
        out.add("");
      }
      out.add(section.stripTrailing());
      return String.join("\n", out) + "\n";
    }
    int end = nextSectionStart(lines, start + 1);
    out.addAll(lines.subList(0, start));
    out.add(section.stripTrailing());
    if (end < lines.size()) {
      out.add("");
      out.addAll(lines.subList(end, lines.size()));
    }
    return String.join("\n", withoutTrailingBlanks(out)) + "\n";
  }

  private static int findHeading(List<String> lines, String heading) {
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      fenced ^= isFence(line);
      if (!fenced && line.stripTrailing().equals(heading)) {
        return i;
      }
    }
    return -1;
  }

  private static int nextSectionStart(List<String> lines, int from) {
    boolean fenced = false;
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      fenced ^= isFence(line);
      if (!fenced && (line.startsWith("# ") || line.startsWith("## "))) {
        return i;
      }
    }
    return lines.size();
  }

  private static boolean isFence(String line) {
    return line.stripLeading().startsWith("```");
  }

  private static List<String> withoutTrailingBlanks(List<String> lines) {
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    return lines.subList(0, end);
  }
}
