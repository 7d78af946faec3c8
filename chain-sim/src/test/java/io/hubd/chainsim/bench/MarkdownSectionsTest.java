package io.hubd.chainsim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownSectionsTest {
  private static final String HEADING = "## Gas";
  private static final String SECTION = "## Gas\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

  @Test
  void replacesOnlyItsOwnSectionKeepingTheOthers() {
    String document =
        "# Benchmarks\n\nIntro.\n\n## Latency\n\nfast\n\n## Gas\n\nold table\n\n## Planning\n\nquick\n";

    assertThat(MarkdownSections.replace(document, HEADING, SECTION))
        .isEqualTo(
            "# Benchmarks\n\nIntro.\n\n## Latency\n\nfast\n\n## Gas\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                + "## Planning\n\nquick\n");
  }

  @Test
  void replacesTheLastSectionUpToTheEnd() {
    String document = "# Benchmarks\n\n## Latency\n\nfast\n\n## Gas\n\nold\n\nolder\n\n";

    assertThat(MarkdownSections.replace(document, HEADING, SECTION))
        .isEqualTo("# Benchmarks\n\n## Latency\n\nfast\n\n" + SECTION);
  }

  @Test
  void appendsTheSectionWhenTheDocumentHasNone() {
    assertThat(MarkdownSections.replace("# Benchmarks\n\n## Latency\n\nfast\n", HEADING, SECTION))
        .isEqualTo("# Benchmarks\n\n## Latency\n\nfast\n\n" + SECTION);
    assertThat(MarkdownSections.replace("", HEADING, SECTION)).isEqualTo(SECTION);
  }

  @Test
  void ignoresHeadingLikeLinesInsideCodeFences() {
    String document = "## Gas\n\n```sh\n## not a heading\n# nor this\n```\n\n## Planning\n\nquick\n";

    assertThat(MarkdownSections.replace(document, HEADING, SECTION))
        .isEqualTo(SECTION + "\n## Planning\n\nquick\n");
  }

  @Test
  void replacingTwiceGivesTheSameDocument() {
    String once = MarkdownSections.replace("# B\n\n## Gas\n\nold\n\n## Other\n\nx\n", HEADING, SECTION);

    assertThat(MarkdownSections.replace(once, HEADING, SECTION)).isEqualTo(once);
  }

  @Test
  void rejectsASectionThatDoesNotStartWithItsHeading() {
    assertThatThrownBy(() -> MarkdownSections.replace("", HEADING, "## Other\n\nx\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MarkdownSections.replace("", "# Gas", "# Gas\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
